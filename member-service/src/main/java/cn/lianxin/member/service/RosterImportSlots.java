package cn.lianxin.member.service;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import cn.lianxin.member.config.RosterLimitsConfig;

/**
 * How many roster imports this instance reads at once ({@code lianxin.member.roster.max-concurrent-imports}): each may
 * hold a workbook's shared strings in memory (up to {@code max-part-size}), so several large uploads at once could
 * fill the heap although each one is within the limits. An import that finds every slot taken waits up to
 * {@code import-slot-wait}, then gets 503 with Retry-After; nothing is read or stored.
 */
@ApplicationScoped
public class RosterImportSlots {

    private final Semaphore slots;
    private final Duration wait;

    public RosterImportSlots(RosterLimitsConfig limits) {
        this.slots = new Semaphore(limits.maxConcurrentImports(), true);
        this.wait = limits.importSlotWait();
    }

    /** A slot, released by closing it; {@link Busy} when none frees up in time. */
    public Slot take() {
        try {
            if (!slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Busy(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy(wait);
        }
        return slots::release;
    }

    /** A held slot. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** 503: every import slot of this instance is taken. */
    public static class Busy extends RetryLater {

        Busy(Duration wait) {
            super(503, "Service Unavailable", "Other roster imports are being read on this instance; try again shortly",
                    wait.isZero() ? Duration.ofSeconds(1) : wait);
        }
    }
}
