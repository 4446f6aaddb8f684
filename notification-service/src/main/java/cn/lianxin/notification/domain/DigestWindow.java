package cn.lianxin.notification.domain;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The digest window (docs/domain.md §5): notifications held during a day go out together at the next send time
 * (default 09:00 Asia/Shanghai). Something held at 08:59 goes out at 09:00 the same day, at 09:00 the next day.
 */
public record DigestWindow(LocalTime sendAt, ZoneId zone) {

    /** The send time that closes the window {@code at} falls in: the first one strictly after it. */
    public Instant closesAfter(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        ZonedDateTime today = local.toLocalDate().atTime(sendAt).atZone(zone);
        return (today.isAfter(local) ? today : local.toLocalDate().plusDays(1).atTime(sendAt).atZone(zone)).toInstant();
    }
}
