package cn.lianxin.platform.observability;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/**
 * Runs a scan (a rule sweep that appends events) in a span of its own and measures it:
 *
 * <pre>{@code
 * try (Scans.Run run = scans.start(JOB)) {
 *     ... the scan ...
 *     run.appended(events);
 *     return result;
 * }
 * }</pre>
 *
 * The span is a child of the request that started the scan ({@code POST /api/v1/scans}), or the root of a new trace
 * for a scheduled run, so the events it appends (their outbox rows store its traceparent) are traced back to their
 * scan. Work the scan hands to other threads must carry the context along ({@code Context.current().wrap}).
 *
 * <p>Metrics, tagged {@code scan}: {@value #DURATION} (Prometheus {@code lianxin_scan_duration_seconds_count}, {@code
 * _sum}, {@code _max}), failed runs included, and {@value #EVENTS} ({@code lianxin_scan_events_total}), the events
 * the runs appended.
 */
@ApplicationScoped
public class Scans {

    public static final String DURATION = "lianxin.scan.duration";
    public static final String EVENTS = "lianxin.scan.events";

    private final MeterRegistry registry;
    private final Tracer tracer;

    public Scans(MeterRegistry registry, Tracer tracer) {
        this.registry = registry;
        this.tracer = tracer;
    }

    /** @param scan the scan's name, e.g. {@code contact-clock-scan}: the metrics' {@code scan} tag and the span's name */
    public Run start(String scan) {
        Span span = tracer.spanBuilder("scan " + scan).setAttribute("lianxin.scan", scan).startSpan();
        return new Run(scan, span, span.makeCurrent(), Timer.start(registry));
    }

    /** One run; closed when the scan returns or throws. A run closed without {@link #appended} failed. */
    public final class Run implements AutoCloseable {

        private final String scan;
        private final Span span;
        private final Scope scope;
        private final Timer.Sample sample;
        private boolean succeeded;

        private Run(String scan, Span span, Scope scope, Timer.Sample sample) {
            this.scan = scan;
            this.span = span;
            this.scope = scope;
            this.sample = sample;
        }

        /** The scan succeeded and appended this many events. */
        public void appended(int events) {
            succeeded = true;
            span.setAttribute("lianxin.scan.events", events);
            registry.counter(EVENTS, "scan", scan).increment(events);
        }

        @Override
        public void close() {
            if (!succeeded) {
                span.setStatus(StatusCode.ERROR, "the scan failed");
            }
            sample.stop(registry.timer(DURATION, "scan", scan));
            scope.close();
            span.end();
        }
    }
}
