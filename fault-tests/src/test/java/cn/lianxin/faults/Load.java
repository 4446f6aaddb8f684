package cn.lianxin.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A steady stream of writes to one service at a fixed rate, whatever the service answers (or whether it answers):
 * every request's outcome is kept, so that a scenario can check that each acknowledged write was stored and published
 * exactly once, and what the callers saw while the fault lasted.
 */
final class Load implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one request got: status (0: no answer), its content type, the created resource's id, latency. */
    record Outcome(long sequence, int status, String contentType, String id, long millis, long sentAtMillis) {
        boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    /**
     * As many callers as the rate × the slowest answer needs, and no queue: a tick that finds every caller waiting is
     * not sent (and not counted), so that a slow service does not pile up requests to be fired later in a burst.
     */
    private final ExecutorService senders = new ThreadPoolExecutor(0, 200, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
            new ThreadPoolExecutor.DiscardPolicy());
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final String url;
    private final String token;
    private final LongFunction<Object> body;
    private final long max;

    private Load(String url, String token, LongFunction<Object> body, long max) {
        this.url = url;
        this.token = token;
        this.body = body;
        this.max = max;
    }

    /** POSTs {@code body.apply(n)} for the n-th request to {@code url}, {@code perSecond} times a second, until closed. */
    static Load start(String url, String token, int perSecond, LongFunction<Object> body) {
        return start(url, token, perSecond, Long.MAX_VALUE, body);
    }

    /** The same, sending at most {@code max} requests. */
    static Load start(String url, String token, int perSecond, long max, LongFunction<Object> body) {
        Load load = new Load(url, token, body, max);
        load.ticker.scheduleAtFixedRate(() -> load.senders.execute(load::sendOne), 0, 1_000_000 / perSecond,
                TimeUnit.MICROSECONDS);
        return load;
    }

    /** Stops sending and waits for the requests in flight. */
    @Override
    public void close() {
        ticker.shutdownNow();
        senders.shutdown();
        try {
            senders.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    private void sendOne() {
        long n = sequence.incrementAndGet();
        if (n > max) {
            return;
        }
        long start = System.nanoTime();
        long sentAt = System.currentTimeMillis();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body.apply(n)))).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String id = null;
            if (response.statusCode() >= 200 && response.statusCode() < 300) {
                JsonNode created = JSON.readTree(response.body());
                id = created.path("id").asText(null);
            }
            outcomes.add(new Outcome(n, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    id, (System.nanoTime() - start) / 1_000_000, sentAt));
        } catch (IOException e) {
            outcomes.add(new Outcome(n, 0, "", null, (System.nanoTime() - start) / 1_000_000, sentAt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
