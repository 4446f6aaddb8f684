package cn.lianxin.tracking.service;

import java.time.Period;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

import cn.lianxin.tracking.config.TrackingConfig;
import cn.lianxin.tracking.domain.WarningLadder;
import cn.lianxin.tracking.domain.WarningLadder.Rung;

/**
 * Refuses to start with thresholds whose warning ladder is out of order (docs/domain.md §2), or with a campaign
 * reminder period that is not positive: no silent misconfiguration.
 */
@ApplicationScoped
public class LadderCheck {

    static final String PREFIX = "lianxin.tracking.";

    void onStart(@Observes StartupEvent event, TrackingConfig config) {
        check(config);
    }

    /** @throws IllegalStateException naming every key out of order, or a reminder period that is not positive */
    public static void check(TrackingConfig config) {
        List<String> violations = WarningLadder.violations(rung("liaison-monthly", config.liaisonMonthly()),
                rung("quarterly", config.quarterly()), rung("grace", config.grace()),
                rung("uncontrolled", config.uncontrolled()), rung("lost-contact", config.lostContact()));
        Period reminderBefore = config.campaign().reminderBefore();
        if (reminderBefore.isZero() || reminderBefore.isNegative()) {
            throw new IllegalStateException(PREFIX + "campaign.reminder-before (" + reminderBefore
                    + ") must be longer than zero: the lagging branches are reminded that long before a campaign ends");
        }
        if (!violations.isEmpty()) {
            throw new IllegalStateException("The warning ladder of the clocks is out of order: "
                    + String.join("; ", violations));
        }
    }

    private static Rung rung(String key, Period period) {
        return new Rung(PREFIX + key, period);
    }
}
