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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The services' public REST APIs as the demo loader calls them: JSON in, JSON out, a few calls in flight. */
final class DemoApi {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final int IN_FLIGHT = 16;
    /**
     * An answer slower than this is taken for a hang. A contact sheet of a branch (some 340 items, each re-planning a
     * member's clocks) took over 60 s while other builds kept the two cores busy (load average 28).
     */
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    /**
     * HTTP/1.1, a connection per request in flight, as a front-end behind a proxy speaks to a service. The client's
     * default, HTTP/2 over cleartext, multiplexes every request on one connection: the service then reads and writes all
     * of them through that one connection's event loop and lock, and its workers wait on each other (measured on the
     * demo city: the flow members' requests spent most of their time waiting on that connection, not working).
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final String token;

    DemoApi(String token) {
        this.token = token;
    }

    JsonNode post(String url, Object body) {
        return postAsync(url, body).join();
    }

    JsonNode get(String url) {
        return getAsync(url).join();
    }

    CompletableFuture<JsonNode> getAsync(String url) {
        return send(request(url).GET().build());
    }

    /** A PUT sent with If-Match {@code etag}; returns the ETag of what it answered (for the next write). */
    String putIfMatch(String url, String etag, Object body) {
        return etagOf(sendForResponse(request(url).header("If-Match", etag).PUT(json(body)).build()).join());
    }

    /** A PATCH, sent with If-Match: the ETag the resource's GET answers (safe writes). */
    void patch(String url, Object body) {
        patchIfMatch(url, etag(url), body);
    }

    /** A PATCH sent with If-Match {@code etag}. */
    void patchIfMatch(String url, String etag, Object body) {
        send(request(url).header("If-Match", etag).method("PATCH", json(body)).build()).join();
    }

    /** The ETag the resource's GET answers. */
    String etag(String url) {
        return etagOf(sendForResponse(request(url).GET().build()).join());
    }

    /** POSTs a file; returns where the 202's Location points (resolved against {@code url}). */
    URI postFile(String url, String contentType, byte[] file) {
        HttpResponse<String> response = sendForResponse(request(url).setHeader("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build()).join();
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("POST " + url + " answered no Location"));
        return URI.create(url).resolve(location);
    }

    private static String etagOf(HttpResponse<String> response) {
        return response.headers().firstValue("ETag")
                .orElseThrow(() -> new IllegalStateException(response.request().method() + " " + response.request().uri()
                        + " answered no ETag"));
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

    /**
     * Runs {@code work} (a few calls one after the other, each waiting for the last) for every item, {@value #IN_FLIGHT}
     * items at a time; fails on the first error.
     */
    <T> void inParallel(List<T> items, Consumer<T> work) {
        inParallel(items, IN_FLIGHT, work);
    }

    /** Runs {@code work} for every item, {@code atOnce} items at a time; fails on the first error. */
    <T> void inParallel(List<T> items, int atOnce, Consumer<T> work) {
        ExecutorService workers = Executors.newFixedThreadPool(atOnce);
        try {
            List<CompletableFuture<Void>> calls = new ArrayList<>(items.size());
            for (T item : items) {
                calls.add(CompletableFuture.runAsync(() -> work.accept(item), workers));
            }
            calls.forEach(CompletableFuture::join);
        } finally {
            workers.shutdownNow();
        }
    }

    private CompletableFuture<JsonNode> send(HttpRequest request) {
        return sendForResponse(request).thenApply(response -> read(response.body()));
    }

    /** Sends with at most {@value #IN_FLIGHT} requests in flight; a status of 300 or more fails the future. */
    private CompletableFuture<HttpResponse<String>> sendForResponse(HttpRequest request) {
        inFlight.acquireUninterruptibly();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> inFlight.release())
                .exceptionally(failure -> {
                    throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + failure.getMessage(),
                            failure);
                })
                .thenApply(response -> {
                    if (response.statusCode() >= 300) {
                        throw new IllegalStateException(request.method() + " " + request.uri() + " was refused: "
                                + response.statusCode() + " " + response.body());
                    }
                    return response;
                });
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
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
