package cn.lianxin.platform.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SqlValuesTest {

    private static final Instant AT = Instant.parse("2026-05-31T16:00:00.123456Z");

    @Test
    void everyTypeATimestampColumnComesBackAsIsTheSameInstant() {
        assertThat(SqlValues.instant(AT)).isEqualTo(AT);
        assertThat(SqlValues.instant(AT.atOffset(ZoneOffset.ofHours(8)))).isEqualTo(AT);
        assertThat(SqlValues.instant(AT.atZone(ZoneId.of("Asia/Shanghai")))).isEqualTo(AT);
        assertThat(SqlValues.instant(Timestamp.from(AT))).isEqualTo(AT);
        assertThat(SqlValues.instant(null)).isNull();
    }

    @Test
    void anythingElseIsRefusedByItsType() {
        assertThatThrownBy(() -> SqlValues.instant("2026-05-31")).hasMessageContaining("java.lang.String");
    }
}
