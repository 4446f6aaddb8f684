package cn.lianxin.tracking.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

/**
 * The window of a 专项排查 campaign: Shanghai calendar days {@code startsOn} to {@code endsOn}, both included. A
 * contact counts when its instant lies in [{@link #startsAt()}, {@link #endsAt()}). By default the window is the
 * calendar quarter (每一季度集中进行一次专项排查) of the day the campaign is opened.
 */
public record CampaignWindow(LocalDate startsOn, LocalDate endsOn) {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public CampaignWindow {
        if (endsOn.isBefore(startsOn)) {
            throw new IllegalArgumentException("a window ends on or after its first day: " + startsOn + " to " + endsOn);
        }
    }

    /** The calendar quarter (Asia/Shanghai) that holds {@code now}. */
    public static CampaignWindow quarterOf(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZONE);
        LocalDate first = today.withMonth((today.getMonthValue() - 1) / 3 * 3 + 1).withDayOfMonth(1);
        return new CampaignWindow(first, first.plusMonths(3).minusDays(1));
    }

    /** 00:00 Shanghai time of the first day. */
    public Instant startsAt() {
        return startsOn.atStartOfDay(ZONE).toInstant();
    }

    /** 00:00 Shanghai time of the day after the last day: the first instant outside the window. */
    public Instant endsAt() {
        return endsOn.plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    /** The window's last day is over: the campaign closes itself. */
    public boolean hasEnded(Instant asOf) {
        return !asOf.isBefore(endsAt());
    }

    /**
     * When the lagging branches are reminded: {@code before} (e.g. P7D) before the end of the window, but never before
     * its first day (a window shorter than {@code before} reminds from its start, when members can be reached).
     */
    public Instant reminderDueAt(Period before) {
        LocalDate due = endsOn.plusDays(1).minus(before);
        return (due.isBefore(startsOn) ? startsOn : due).atStartOfDay(ZONE).toInstant();
    }

    /**
     * Whether the reminder of the lagging branches is due as of {@code asOf}: from {@link #reminderDueAt} until the
     * end (after the end, the close replaces it).
     */
    public boolean isReminderDue(Instant asOf, Period before) {
        return !asOf.isBefore(reminderDueAt(before)) && !hasEnded(asOf);
    }
}
