package cn.lianxin.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** The digest window: one per day, closed and sent at 09:00 Asia/Shanghai by default. */
class DigestWindowTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final DigestWindow window = new DigestWindow(LocalTime.of(9, 0), SHANGHAI);

    private static Instant shanghai(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    @Test
    void whatArrivesAfterNineGoesOutAtNineTheNextMorningShanghaiTime() {
        assertThat(window.closesAfter(shanghai("2027-03-01T10:00"))).isEqualTo(shanghai("2027-03-02T09:00"));
        assertThat(window.closesAfter(shanghai("2027-03-01T23:59"))).isEqualTo(shanghai("2027-03-02T09:00"));
        assertThat(window.closesAfter(shanghai("2027-03-01T09:00"))).isEqualTo(shanghai("2027-03-02T09:00"));
    }

    @Test
    void whatArrivesBeforeNineGoesOutAtNineTheSameDay() {
        assertThat(window.closesAfter(shanghai("2027-03-02T00:30"))).isEqualTo(shanghai("2027-03-02T09:00"));
        assertThat(window.closesAfter(shanghai("2027-03-02T08:59:59"))).isEqualTo(shanghai("2027-03-02T09:00"));
        // 01:00 UTC is already 09:00 in Shanghai
        assertThat(window.closesAfter(Instant.parse("2027-03-02T00:59:00Z"))).isEqualTo(Instant.parse("2027-03-02T01:00:00Z"));
    }

    @Test
    void theSendTimeIsACitySetting() {
        DigestWindow evening = new DigestWindow(LocalTime.of(17, 30), SHANGHAI);
        assertThat(evening.closesAfter(shanghai("2027-03-01T10:00"))).isEqualTo(shanghai("2027-03-01T17:30"));
    }
}
