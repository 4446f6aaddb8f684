package cn.lianxin.platform.problem;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import cn.lianxin.platform.problem.Problem.FieldError;

/** Every error leaves the API as {@code application/problem+json}; bad input is never a 500. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.toProblem());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                .sorted(java.util.Comparator.comparing(FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(new Problem(ProblemTypes.of(400), "Invalid request", 400, detail, errors));
    }

    /** Named one by one: Quarkus REST has built-in mappers for some of them, and the closest type wins. */
    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class, UnrecognizedPropertyException.class,
            ValueInstantiationException.class })
    public Response json(JsonProcessingException e) {
        return respond(jsonProblem(e));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return respond(jsonProblem(json));
        }
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return respond(new Problem(ProblemTypes.of(status), title, status, e.getMessage(), List.of()));
    }

    /** No or an unusable token: 401 with the bearer challenge (RFC 6750). */
    @ServerExceptionMapper({ io.quarkus.security.UnauthorizedException.class,
            io.quarkus.security.AuthenticationFailedException.class,
            io.quarkus.security.AuthenticationCompletionException.class })
    public Response unauthorized(RuntimeException e) {
        return Response.fromResponse(respond(unauthorizedProblem()))
                .header("WWW-Authenticate", "Bearer").build();
    }

    /** A valid token whose roles do not allow the operation. */
    @ServerExceptionMapper({ io.quarkus.security.ForbiddenException.class })
    public Response forbidden(RuntimeException e) {
        return respond(forbiddenProblem());
    }

    public static Problem unauthorizedProblem() {
        return new Problem(ProblemTypes.of(401), "Unauthorized", 401,
                "A valid bearer token is required (missing, expired, not yet valid or not signed by the identity provider)",
                List.of());
    }

    public static Problem forbiddenProblem() {
        return new Problem(ProblemTypes.of(403), "Forbidden", 403, "Your roles do not allow this operation", List.of());
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(RuntimeException e) {
        if (lostOptimisticLock(e)) {
            // Two writes of one row at once: the later one would overwrite the earlier unseen, so it is refused.
            return respond(new Problem(ProblemTypes.of(409), "Concurrent modification", 409,
                    "Someone else changed this at the same moment; nothing of your change was saved: read it again and retry.",
                    List.of()));
        }
        if (DatabaseUnavailable.causedBy(e)) {
            // Not a bug: the caller may retry once the database is back (readiness says when).
            LOG.warnf("Database unavailable: %s", DatabaseUnavailable.reason(e));
            return Response.fromResponse(respond(new Problem(ProblemTypes.of(503), "Service Unavailable", 503,
                    "The database cannot be reached; nothing was changed, try again shortly.", List.of())))
                    .header("Retry-After", "5").build();
        }
        LOG.error("Unexpected error", e);
        return respond(new Problem(ProblemTypes.of(500), "Internal Server Error", 500,
                "An unexpected error occurred; it has been logged.", List.of()));
    }

    /**
     * A write that lost the race on a {@code @Version} (JPA's {@code OptimisticLockException}, Hibernate's
     * {@code StaleStateException}), however the transaction wrapped it on its way out.
     */
    static boolean lostOptimisticLock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
    }

    static Problem jsonProblem(JsonProcessingException e) {
        String duplicate = duplicateKey(e);
        if (duplicate != null) {
            return new Problem(ProblemTypes.of(400), "Invalid request", 400, duplicate + ": duplicate key",
                    List.of(new FieldError(duplicate, "duplicate key")));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = pathOf(mapping);
            String message;
            if (e instanceof RejectedValueException rejected) {
                message = rejected.reason();
            } else if (e instanceof UnrecognizedPropertyException) {
                message = "unknown field";
            } else if (e instanceof InvalidFormatException f) {
                message = "cannot read " + quote(f.getValue()) + " as " + describe(f.getTargetType());
            } else if (e instanceof MismatchedInputException m) {
                message = "expected " + describe(m.getTargetType());
            } else {
                message = "invalid value";
            }
            return new Problem(ProblemTypes.of(400), "Invalid request", 400, field + ": " + message,
                    List.of(new FieldError(field, message)));
        }
        return new Problem(ProblemTypes.of(400), "Malformed JSON", 400,
                "The request body is not valid JSON: " + shortenedTokens(e.getOriginalMessage()), List.of());
    }

    /** Jackson quotes the offending token in its message ('xxxx…'): each quoted part is shortened like a value. */
    private static String shortenedTokens(String message) {
        if (message == null) {
            return "";
        }
        Matcher quoted = Pattern.compile("'([^']*)'").matcher(message);
        StringBuilder out = new StringBuilder();
        while (quoted.find()) {
            quoted.appendReplacement(out, Matcher.quoteReplacement("'" + shortened(quoted.group(1)) + "'"));
        }
        quoted.appendTail(out);
        String text = out.toString();
        return text.length() > 4 * ECHO_LIMIT ? text.substring(0, 4 * ECHO_LIMIT) + "…" : text;
    }

    /**
     * The path of a key that appears twice in one object ({@code STRICT_DUPLICATE_DETECTION}), e.g.
     * {@code items[1].memberId}; null when {@code e} is not about a duplicate key.
     */
    static String duplicateKey(JsonProcessingException thrown) {
        JsonProcessingException e = null;
        for (Throwable t = thrown; t != null && e == null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonProcessingException j && j.getOriginalMessage() != null
                    && j.getOriginalMessage().startsWith("Duplicate field '")) {
                e = j;
            }
        }
        if (e == null) {
            return null;
        }
        String message = e.getOriginalMessage();
        String name = message.substring("Duplicate field '".length(), Math.max(message.lastIndexOf('\''),
                "Duplicate field '".length()));
        if (e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser && parser.getParsingContext() != null) {
            String path = pathOf(parser.getParsingContext());
            if (!path.isEmpty()) {
                return path;
            }
        }
        return name;
    }

    private static String pathOf(com.fasterxml.jackson.core.JsonStreamContext context) {
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (com.fasterxml.jackson.core.JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject()) {
                parts.push(c.getCurrentName() == null ? "" : "." + c.getCurrentName());
            } else if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return switch (type.getSimpleName()) {
            case "UUID" -> "a UUID";
            case "LocalDate" -> "an ISO date (2027-03-01)";
            case "Instant", "OffsetDateTime" -> "an ISO date-time with offset (2027-03-01T00:00:00+08:00)";
            case "YearMonth" -> "a month (2027-03)";
            case "int", "Integer", "long", "Long" -> "a whole number";
            case "boolean", "Boolean" -> "true or false";
            case "String" -> "a string";
            default -> type.isArray() || java.util.Collection.class.isAssignableFrom(type) ? "a list" : "an object";
        };
    }

    /** The longest part of a rejected value a problem shows: enough to recognize it, never a megabyte sent back. */
    static final int ECHO_LIMIT = 64;

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + shortened(s) + "\"" : shortened(String.valueOf(value));
    }

    static String shortened(String text) {
        if (text == null || text.length() <= ECHO_LIMIT) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(ECHO_LIMIT - 1)) ? ECHO_LIMIT - 1 : ECHO_LIMIT;
        return text.substring(0, end) + "…";
    }

    /** {@code create.request.secretary.phone} → {@code secretary.phone}: drop the method and parameter names. */
    static String fieldOf(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false).toList();
        int skip = 0;
        if (!nodes.isEmpty() && nodes.get(0).getKind() == ElementKind.METHOD) {
            skip = nodes.size() > 1 && nodes.get(1).getKind() == ElementKind.PARAMETER ? 2 : 1;
        }
        StringBuilder field = new StringBuilder();
        for (Path.Node node : nodes.subList(Math.min(skip, nodes.size()), nodes.size())) {
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        if (field.isEmpty() && skip == 2) {
            return nodes.get(1).getName(); // the parameter itself, e.g. a missing body or query parameter
        }
        return field.toString();
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
