package cn.lianxin.tracking.domain;

import java.time.Instant;

/** One running clock: started when its obligation was last met, due one threshold later. */
public record PlannedClock(ClockRule rule, Instant startedAt, Instant dueAt, Instant graceUntil) {
}
