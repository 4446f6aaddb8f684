package cn.lianxin.platform.api;

import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.RestResponse;

/**
 * A representation and the {@code @Version} of the row it was read from. Its ETag is that version as a strong, quoted
 * entity tag ({@code "3"}): a GET and every PATCH or PUT of a versioned resource answer it, and a PATCH or PUT must
 * send it back in {@code If-Match} ({@link IfMatch}).
 */
public record Versioned<T>(T body, long version) {

    /** The ETag of {@code version}: {@code "3"}. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    public String etag() {
        return etag(version);
    }

    /** 200 with the body and its ETag. */
    public RestResponse<T> ok() {
        return RestResponse.ResponseBuilder.ok(body).header(HttpHeaders.ETAG, etag()).build();
    }
}
