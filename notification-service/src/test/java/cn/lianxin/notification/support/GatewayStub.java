package cn.lianxin.notification.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP peer on loopback standing in for the SMS and WeChat gateways: it records every request as it
 * arrived and answers 200, or the statuses scripted for an address (mobile / toUser), in order.
 */
public final class GatewayStub {

    public static final String SMS_PATH = "/v1/sms/messages";
    public static final String WECHAT_PATH = "/v1/wechat/template-messages";

    /** One request as the gateway received it. */
    public record Received(String path, String authorization, String contentType, JsonNode body) {
        public String address() {
            return body.has("mobile") ? body.get("mobile").asText() : body.path("toUser").asText();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();

    public GatewayStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(SMS_PATH, this::handle);
        server.createContext(WECHAT_PATH, this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next requests for this address get these statuses, one each; then 200 again. */
    public void script(String address, Integer... statuses) {
        scripted.computeIfAbsent(address, a -> new ArrayDeque<>()).addAll(List.of(statuses));
    }

    public List<Received> to(String address) {
        return received.stream().filter(r -> address.equals(r.address())).toList();
    }

    public void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Received request = new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), JSON.readTree(body));
            received.add(request);
            Deque<Integer> statuses = scripted.get(request.address());
            Integer status = statuses == null ? null : statuses.poll();
            byte[] answer = (status == null ? "{\"messageId\":\"" + request.body().path("requestId").asText() + "\"}"
                    : "{\"error\":\"scripted\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status == null ? 200 : status, answer.length);
            exchange.getResponseBody().write(answer);
        } finally {
            exchange.close();
        }
    }
}
