package cn.lianxin.local.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The services' public REST APIs as the demo loader calls them: JSON in, JSON out, a few calls in flight. */
final class DemoApi {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final int IN_FLIGHT = 16;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final String token;

    DemoApi(String token) {
        this.token = token;
    }

    JsonNode post(String url, Object body) {
        return postAsync(url, body).join();
    }

    JsonNode get(String url) {
        return send(request(url).GET().build()).join();
    }

    /** A PUT that changes what {@code resource} shows: sent with If-Match, the ETag its GET answers (safe writes). */
    void put(String url, String resource, Object body) {
        send(request(url).header("If-Match", etag(resource)).PUT(json(body)).build()).join();
    }

    /** A PATCH, sent with If-Match: the ETag the resource's GET answers (safe writes). */
    void patch(String url, Object body) {
        send(request(url).header("If-Match", etag(url)).method("PATCH", json(body)).build()).join();
    }

    private String etag(String url) {
        inFlight.acquireUninterruptibly();
        try {
            HttpResponse<String> response = http.send(request(url).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " was refused: " + response.statusCode() + " " + response.body());
            }
            return response.headers().firstValue("ETag")
                    .orElseThrow(() -> new IllegalStateException("GET " + url + " answered no ETag"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            inFlight.release();
        }
    }

    CompletableFuture<JsonNode> postAsync(String url, Object body) {
        return send(request(url).POST(json(body)).build());
    }

    /** Calls {@code call} for every item with at most {@value #IN_FLIGHT} requests in flight; fails on the first error. */
    <T> List<JsonNode> forEach(List<T> items, Function<T, CompletableFuture<JsonNode>> call) {
        List<CompletableFuture<JsonNode>> calls = new ArrayList<>(items.size());
        for (T item : items) {
            calls.add(call.apply(item));
        }
        return calls.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<JsonNode> send(HttpRequest request) {
        inFlight.acquireUninterruptibly();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> inFlight.release())
                .thenApply(response -> {
                    if (response.statusCode() >= 300) {
                        throw new IllegalStateException(request.method() + " " + request.uri() + " was refused: "
                                + response.statusCode() + " " + response.body());
                    }
                    return read(response.body());
                });
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }
}
