package cn.lianxin.platform.observability;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.Span;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every HTTP request an id: the caller's {@value #HEADER} when it is a plausible one (a proxy's or a front-end's,
 * so that its logs and ours meet), a new UUID otherwise. The id is in the MDC as {@value #MDC_KEY} (every log line of
 * the request, JSON in production, carries it beside OpenTelemetry's traceId and spanId), an attribute of the request's
 * span, and the {@value #HEADER} of the response, so that a caller can quote it.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** Letters, digits and {@code . _ : -}, at most 64: nothing a log or a header could be tricked with. */
    private static final Pattern PLAUSIBLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).handler(this::tag);
    }

    private void tag(RoutingContext request) {
        String given = request.request().getHeader(HEADER);
        String id = given != null && PLAUSIBLE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        MDC.put(MDC_KEY, id);
        Span.current().setAttribute("http.request.id", id);
        request.response().putHeader(HEADER, id);
        request.next();
    }
}
