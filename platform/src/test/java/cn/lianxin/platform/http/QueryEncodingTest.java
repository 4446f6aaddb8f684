package cn.lianxin.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A query parameter whose bytes are not UTF-8 is named, so that it can be refused rather than read as U+FFFD. */
class QueryEncodingTest {

    @Test
    void utf8TextAndPlainAsciiPass() {
        assertThat(HttpHardening.parameterNotUtf8("q=%E9%99%88&page=0&size=50")).isNull();
        assertThat(HttpHardening.parameterNotUtf8("q=%F0%A0%80%80")).isNull(); // 𠀀, outside the BMP
        assertThat(HttpHardening.parameterNotUtf8("q=100%25&x")).isNull();
    }

    @Test
    void bytesThatAreNotUtf8NameTheirParameter() {
        assertThat(HttpHardening.parameterNotUtf8("page=0&q=%ED%A0%80")).isEqualTo("q"); // a lone surrogate
        assertThat(HttpHardening.parameterNotUtf8("q=%C3%28")).isEqualTo("q");
        assertThat(HttpHardening.parameterNotUtf8("%FF=1")).isEqualTo("query");
    }
}
