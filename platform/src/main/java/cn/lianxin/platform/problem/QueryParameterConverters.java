package cn.lianxin.platform.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import cn.lianxin.platform.problem.Problem.FieldError;

/**
 * Query parameters of type UUID and whole numbers ({@code ?orgId=}, {@code ?page=}) that cannot be read are a 400
 * naming the parameter. JAX-RS answers 404 for them (as if the resource were missing), without saying which one.
 * Path parameters keep their 404: a malformed id names nothing that exists.
 */
@Provider
public class QueryParameterConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = null;
        for (Annotation annotation : annotations == null ? new Annotation[0] : annotations) {
            if (annotation instanceof QueryParam query) {
                name = query.value();
            }
        }
        if (name == null) {
            return null;
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) converter(name, UUID::fromString, "must be a UUID");
        }
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) converter(name, text -> Integer.valueOf(text.trim()),
                    "must be a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) converter(name, text -> Long.valueOf(text.trim()), "must be a whole number");
        }
        return null;
    }

    private static <T> ParamConverter<T> converter(String name, Function<String, T> parse, String message) {
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return parse.apply(value);
                } catch (IllegalArgumentException e) { // NumberFormatException too
                    throw new InvalidQueryParameter(name, message);
                }
            }

            @Override
            public String toString(T value) {
                return value == null ? null : value.toString();
            }
        };
    }

    /** A query parameter that cannot be read; more specific than WebApplicationException, so its mapper wins. */
    public static class InvalidQueryParameter extends WebApplicationException {

        private final String name;
        private final String reason;

        InvalidQueryParameter(String name, String reason) {
            super(name + ": " + reason, 400);
            this.name = name;
            this.reason = reason;
        }

        /** As the other refusals: problem+json naming the parameter. */
        Problem toProblem() {
            return new Problem(ProblemTypes.of(400), "Invalid request", 400, getMessage(), List.of(new FieldError(name, reason)));
        }
    }

    /** Maps {@link InvalidQueryParameter}; apart from the provider, as Quarkus REST makes each a bean of its own. */
    public static class Mapper {

        @ServerExceptionMapper
        public Response invalidQueryParameter(InvalidQueryParameter e) {
            return Response.status(400).type(Problem.MEDIA_TYPE).entity(e.toProblem()).build();
        }
    }
}
