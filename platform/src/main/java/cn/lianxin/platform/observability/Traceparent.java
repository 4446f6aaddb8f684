package cn.lianxin.platform.observability;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * The W3C {@code traceparent} of a span (<a href="https://www.w3.org/TR/trace-context/">Trace Context</a>), as an
 * outbox row stores it and a Kafka header carries it: {@code 00-<trace id>-<span id>-<flags>}. It is how one trace
 * crosses the outbox: the request that appended an event is the parent of the relay's publish span, and that one of
 * every consumer's span.
 */
public final class Traceparent {

    /** The header (Kafka) and the column (outbox_event, notification) that carry it. */
    public static final String HEADER = "traceparent";

    private Traceparent() {
    }

    /** The current span's traceparent, or empty outside any valid span (the SDK disabled, a plain thread). */
    public static Optional<String> current() {
        return of(Span.current().getSpanContext());
    }

    public static Optional<String> of(SpanContext span) {
        if (!span.isValid()) {
            return Optional.empty();
        }
        return Optional.of("00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
    }

    /** The current span's traceparent or null, for a nullable column. */
    public static String currentOrNull() {
        return current().orElse(null);
    }

    /**
     * The context whose (remote) parent span {@code traceparent} names, on top of {@code Context.root()}; the root itself
     * for null or a malformed value, so that a bad header starts a new trace instead of failing the record.
     */
    public static Context parent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        Map<String, String> carrier = new HashMap<>();
        carrier.put(HEADER, traceparent);
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, MapGetter.INSTANCE);
    }

    /** The trace id of {@code traceparent}, or empty when it is not a valid one. */
    public static Optional<String> traceId(String traceparent) {
        SpanContext span = Span.fromContext(parent(traceparent)).getSpanContext();
        return span.isValid() ? Optional.of(span.getTraceId()) : Optional.empty();
    }

    private enum MapGetter implements TextMapGetter<Map<String, String>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    }
}
