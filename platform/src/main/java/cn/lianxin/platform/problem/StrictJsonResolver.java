package cn.lianxin.platform.problem;

import jakarta.inject.Singleton;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The REST layer reads request bodies with {@link StrictJson}'s mapper; everything else (event payloads, stored
 * JSON) keeps the application's ObjectMapper. Responses are written with the same configuration as before (the strict
 * mapper is a copy that differs only in what it reads).
 */
@Provider
@Singleton
public class StrictJsonResolver implements ContextResolver<ObjectMapper> {

    private final ObjectMapper strict;

    public StrictJsonResolver(ObjectMapper mapper) {
        this.strict = StrictJson.strict(mapper);
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}
