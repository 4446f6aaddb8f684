package cn.lianxin.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;

import cn.lianxin.platform.time.ShanghaiCalendar;

/** Quiet hours, back-off and masking are plain rules. */
class DeliveryRulesTest {

    private final QuietHours quietHours = new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0));

    private static Instant shanghai(String local) {
        return LocalDateTime.parse(local).atZone(ShanghaiCalendar.ZONE).toInstant();
    }

    @Test
    void quietHoursRunFromTenInTheEveningToEightInTheMorningShanghaiTime() {
        assertThat(quietHours.contains(shanghai("2027-03-01T21:59"))).isFalse();
        assertThat(quietHours.contains(shanghai("2027-03-01T22:00"))).isTrue();
        assertThat(quietHours.contains(shanghai("2027-03-02T03:00"))).isTrue();
        assertThat(quietHours.contains(shanghai("2027-03-02T07:59:59"))).isTrue();
        assertThat(quietHours.contains(shanghai("2027-03-02T08:00"))).isFalse();
        // 15:00 UTC is 23:00 in Shanghai
        assertThat(quietHours.contains(Instant.parse("2027-03-01T15:00:00Z"))).isTrue();
    }

    @Test
    void aDeferredMessageIsDueAtTheEndOfQuietHours() {
        assertThat(quietHours.endAfter(shanghai("2027-03-01T23:00"))).isEqualTo(shanghai("2027-03-02T08:00"));
        assertThat(quietHours.endAfter(shanghai("2027-03-02T01:30"))).isEqualTo(shanghai("2027-03-02T08:00"));
        assertThat(quietHours.endAfter(shanghai("2027-03-02T12:00"))).isEqualTo(shanghai("2027-03-02T12:00"));
    }

    @Test
    void equalStartAndEndMeanNoQuietHours() {
        QuietHours none = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
        assertThat(none.contains(shanghai("2027-03-01T23:00"))).isFalse();
    }

    @Test
    void backoffDoublesFromTheInitialDelayUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(10));
        assertThat(backoff.after(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(backoff.after(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(backoff.after(5)).isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.after(60)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void addressesLeaveTheServiceMasked() {
        assertThat(Masking.mask("13800138001")).isEqualTo("138****8001");
        assertThat(Masking.mask("zhang@example.org")).isEqualTo("z***@example.org");
        assertThat(Masking.mask("wx-zhang")).isEqualTo("w***g");
        assertThat(Masking.mask(null)).isNull();
        assertThat(NotificationEvents.safeMessage("550 no mailbox 13800138001", "13800138001"))
                .isEqualTo("550 no mailbox 138****8001");
    }
}
