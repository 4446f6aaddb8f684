package cn.lianxin.platform.http;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import cn.lianxin.platform.problem.Problem;
import cn.lianxin.platform.problem.ProblemMappers;
import cn.lianxin.platform.problem.ProblemTypes;
import cn.lianxin.platform.problem.StrictJson;

/**
 * HTTP hardening below JAX-RS, for every service: security headers on every response, and errors that the HTTP
 * layer answers by itself (authentication, unknown paths, over-long URIs and bodies) as {@code application/problem+json}
 * like every other error.
 *
 * <ul>
 * <li>{@code X-Content-Type-Options: nosniff} everywhere; {@code Cache-Control: no-store} on {@code /api/} (personal
 * data); {@code X-Frame-Options: DENY} and a Content-Security-Policy on the Swagger UI.</li>
 * <li>401/403 raised by the security layer before JAX-RS (proactive authentication) become problem details.</li>
 * <li>A request line longer than {@code lianxin.http.max-uri-length} is answered 414 here; vert.x's own limit
 * ({@code quarkus.http.limits.max-initial-line-length}) is set well above it so that ours answers first.</li>
 * <li>A declared {@code Content-Length} above {@code quarkus.http.limits.max-body-size} is answered 413 before the
 * body is read.</li>
 * <li>A query parameter holding a control character (other than tab, line feed, carriage return) or bytes that are
 * not UTF-8 is 400 naming it, as {@link StrictJson} does for JSON bodies.</li>
 * <li>A path nothing serves is 404.</li>
 * </ul>
 */
@ApplicationScoped
public class HttpHardening {

    private static final Logger LOG = Logger.getLogger(HttpHardening.class);

    /** What Quarkus's Swagger UI page needs: its own scripts and styles, its inline bootstrap script and styles. */
    public static final String SWAGGER_UI_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private final ObjectMapper mapper;
    private final int maxUriLength;
    private final long maxBodySize;
    private final String swaggerUiPath;

    public HttpHardening(ObjectMapper mapper,
            @ConfigProperty(name = "lianxin.http.max-uri-length", defaultValue = "4096") int maxUriLength,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBodySize,
            @ConfigProperty(name = "quarkus.swagger-ui.path", defaultValue = "swagger-ui") String swaggerUiPath) {
        this.mapper = mapper;
        this.maxUriLength = maxUriLength;
        this.maxBodySize = maxBodySize.asLongValue();
        this.swaggerUiPath = swaggerUiPath.startsWith("/") ? swaggerUiPath : "/q/" + swaggerUiPath;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::screen);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
        router.route().last().handler(rc -> respond(rc, problem(404, "Not Found", "No resource at " + safePath(rc))));
    }

    /** Runs first on every request. */
    void screen(RoutingContext rc) {
        rc.addHeadersEndHandler(ignored -> secureHeaders(rc));
        String uri = rc.request().uri();
        if (uri != null && uri.length() > maxUriLength) {
            respond(rc, problem(414, "URI Too Long", "The request URI is longer than " + maxUriLength + " characters"));
            return;
        }
        Problem badQuery = checkQuery(rc);
        if (badQuery != null) {
            respond(rc, badQuery);
            return;
        }
        String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                respond(rc, problem(400, "Bad Request", "Content-Length is not a number"));
                return;
            }
            if (length > maxBodySize) {
                rc.response().putHeader(HttpHeaders.CONNECTION, "close");
                respond(rc, problem(413, "Content Too Large", "The request body is larger than " + maxBodySize + " bytes"));
                return;
            }
        }
        rc.next();
    }

    /**
     * A query parameter with a control character (NUL above all: PostgreSQL refuses it) or whose bytes are not UTF-8
     * (vert.x would read them as U+FFFD, so a search would quietly look for something nobody typed) is a 400 naming it.
     */
    private static Problem checkQuery(RoutingContext rc) {
        String query = rc.request().query();
        if (query == null) {
            return null;
        }
        String notUtf8 = parameterNotUtf8(query);
        if (notUtf8 != null) {
            return new Problem(ProblemTypes.of(400), "Invalid request", 400, notUtf8 + ": " + NOT_UTF8,
                    List.of(new Problem.FieldError(notUtf8, NOT_UTF8)));
        }
        try {
            for (java.util.Map.Entry<String, String> parameter : rc.queryParams()) {
                String wrong = StrictJson.controlCharacterIn(parameter.getKey() + parameter.getValue());
                if (wrong != null) {
                    String field = StrictJson.controlCharacterIn(parameter.getKey()) == null ? parameter.getKey() : "query";
                    return new Problem(ProblemTypes.of(400), "Invalid request", 400, field + ": " + wrong,
                            List.of(new Problem.FieldError(field, wrong)));
                }
            }
        } catch (IllegalArgumentException e) {
            return problem(400, "Bad Request", "The query string is not correctly encoded");
        }
        return null;
    }

    private static final String NOT_UTF8 = "must be percent-encoded UTF-8 text";

    /** The name of the first parameter of {@code query} (as sent) whose bytes are not UTF-8, or null. */
    static String parameterNotUtf8(String query) {
        for (String parameter : query.split("&")) {
            if (!isUtf8(parameter)) {
                String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
                try {
                    return isUtf8(name) ? URLDecoder.decode(name, StandardCharsets.UTF_8) : "query";
                } catch (IllegalArgumentException e) { // a stray %
                    return "query";
                }
            }
        }
        return null;
    }

    private static boolean isUtf8(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
            int low = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 2), 16) : -1;
            if (c == '%' && high >= 0 && low >= 0) {
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private void secureHeaders(RoutingContext rc) {
        HttpServerResponse response = rc.response();
        response.headers().set("X-Content-Type-Options", "nosniff");
        String path = rc.normalizedPath();
        if (path == null) {
            return;
        }
        if (path.startsWith("/api/")) {
            response.headers().set(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        if (path.equals(swaggerUiPath) || path.startsWith(swaggerUiPath + "/")) {
            response.headers().set("X-Frame-Options", "DENY");
            response.headers().set("Content-Security-Policy", SWAGGER_UI_CSP);
        }
    }

    /** Failures of the HTTP layer itself (authentication before JAX-RS, body limits); the rest go on to Quarkus. */
    void failure(RoutingContext rc) {
        if (rc.response().headWritten()) {
            rc.next();
            return;
        }
        Throwable failure = rc.failure();
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                || failure instanceof AuthenticationCompletionException) {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
            respond(rc, ProblemMappers.unauthorizedProblem());
        } else if (failure instanceof ForbiddenException) {
            respond(rc, ProblemMappers.forbiddenProblem());
        } else if (failure == null && rc.statusCode() == 413) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            respond(rc, problem(413, "Content Too Large", "The request body is larger than " + maxBodySize + " bytes"));
        } else if (failure == null && rc.statusCode() == 401) {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
            respond(rc, ProblemMappers.unauthorizedProblem());
        } else if (failure == null && rc.statusCode() == 403) {
            respond(rc, ProblemMappers.forbiddenProblem());
        } else {
            rc.next();
        }
    }

    private static String safePath(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (path == null) {
            return "this path";
        }
        return path.length() > 200 ? path.substring(0, 200) + "…" : path;
    }

    static Problem problem(int status, String title, String detail) {
        return new Problem(ProblemTypes.of(status), title, status, detail, List.of());
    }

    private void respond(RoutingContext rc, Problem problem) {
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            LOG.error("Cannot write a problem detail", e);
            body = "{\"status\":" + problem.status() + "}";
        }
        rc.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }
}
