package cn.lianxin.notification.delivery;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;

import cn.lianxin.platform.time.ShanghaiCalendar;

/** 免打扰: a daily window in Asia/Shanghai, possibly over midnight (22:00–08:00). */
public record QuietHours(LocalTime start, LocalTime end) {

    public boolean contains(Instant instant) {
        return !start.equals(end) && ShanghaiCalendar.isWithin(instant, start, end);
    }

    /** The first instant at or after {@code instant} outside the window (itself when outside). */
    public Instant endAfter(Instant instant) {
        if (!contains(instant)) {
            return instant;
        }
        ZonedDateTime local = instant.atZone(ShanghaiCalendar.ZONE);
        ZonedDateTime end = local.with(this.end).withSecond(0).withNano(0);
        return (end.isAfter(local) ? end : end.plusDays(1)).toInstant();
    }
}
