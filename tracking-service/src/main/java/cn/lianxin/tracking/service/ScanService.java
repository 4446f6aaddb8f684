package cn.lianxin.tracking.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.opentelemetry.context.Context;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

import cn.lianxin.platform.observability.Scans;
import cn.lianxin.platform.schedule.OncePerCluster;

import cn.lianxin.tracking.config.TrackingConfig;

/**
 * Evaluates T1–T7 for every member (or one subtree) as of an instant, then the campaigns' reminders and closes
 * ({@link CampaignScan}). The members are split into
 * {@code lianxin.tracking.scan.slices} slices by id, scanned at the same time, each in its own transaction on its
 * own connection ({@link ScanSlice}): the database spreads a scan over its cores, as it does a large query. All
 * clocks of a member are in one slice, so every rule sees a member whole. A slice commits on its own; a scan that
 * failed half-way is completed by running it again (a scan is idempotent for its instant).
 */
@ApplicationScoped
public class ScanService {

    private static final Logger LOG = Logger.getLogger(ScanService.class);

    /** What one scan emitted, by event name. */
    public record ScanResult(Instant asOf, String scope, Map<String, Integer> emitted) {
    }

    /** The scheduled scan's identity, also its name in {@code scheduled_run}. */
    public static final String JOB = "contact-clock-scan";

    private final ScanSlice slice;
    private final TrackingConfig config;
    private final Clock clock;
    private final OncePerCluster runs;

    private final Scans scans;
    private final CampaignScan campaigns;

    public ScanService(ScanSlice slice, TrackingConfig config, Clock clock, OncePerCluster runs, Scans scans,
            CampaignScan campaigns) {
        this.slice = slice;
        this.campaigns = campaigns;
        this.config = config;
        this.clock = clock;
        this.runs = runs;
        this.scans = scans;
    }

    /**
     * The daily scan (configurable: {@code lianxin.tracking.scan.cron}, Asia/Shanghai), run by one replica of the
     * cluster: the one that claims this fire time ({@link OncePerCluster}).
     */
    @Scheduled(identity = JOB, cron = "${lianxin.tracking.scan.cron}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled(ScheduledExecution execution) {
        runs.run(JOB, execution, () -> {
            ScanResult result = scan(clock.instant(), "/");
            LOG.infof("Scheduled scan as of %s emitted %s", result.asOf(), result.emitted());
            return result;
        });
    }

    /**
     * @param pathPrefix org path of the subtree to scan ({@code /} for everyone)
     */
    public ScanResult scan(Instant asOf, String pathPrefix) {
        int slices = config.scan().slices();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(slices,
                task -> new Thread(task, "clock-scan-" + threads.incrementAndGet()));
        try (Scans.Run run = scans.start(JOB)) {
            List<Future<Map<String, Integer>>> running = new ArrayList<>();
            for (int i = 0; i < slices; i++) {
                int index = i;
                // each slice in the scan's span, so that its events store the scan's traceparent
                running.add(executor.submit(Context.current().wrap(() -> slice.scan(asOf, pathPrefix, index, slices))));
            }
            Map<String, Integer> emitted = new LinkedHashMap<>();
            RuntimeException failure = null;
            for (Future<Map<String, Integer>> result : running) {
                try {
                    result.get().forEach((event, count) -> emitted.merge(event, count, Integer::sum));
                } catch (ExecutionException e) {
                    failure = failure != null ? failure
                            : e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
                }
            }
            if (failure != null) {
                throw failure;
            }
            // 专项排查: reminders a week before the end, the close after the last day (docs/domain.md §7)
            emitted.putAll(campaigns.scan(asOf, pathPrefix));
            run.appended(emitted.values().stream().mapToInt(Integer::intValue).sum());
            return new ScanResult(asOf, pathPrefix, emitted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scan interrupted", e);
        } finally {
            executor.shutdown();
        }
    }
}
