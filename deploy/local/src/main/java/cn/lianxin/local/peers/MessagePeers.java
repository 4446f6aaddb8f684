package cn.lianxin.local.peers;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.internet.MimeMessage;

/**
 * The outside world notification-service talks to, on loopback: a real SMTP server (GreenMail) and the SMS and
 * WeChat template-message gateways (their HTTP API as documented in notification-service/README.md). Every message
 * that arrives is kept, and appended to a log file, so that a developer of the local stack and a system test can
 * see what members, liaisons and secretaries would have received.
 */
public final class MessagePeers implements AutoCloseable {

    /** A message as it reached a peer. */
    public record Received(String channel, String path, String body, Instant at) {
    }

    private final GreenMail smtp;
    private final HttpServer gateway;
    private final List<Received> gatewayMessages = new CopyOnWriteArrayList<>();
    private final Path log;

    private MessagePeers(GreenMail smtp, HttpServer gateway, Path log) {
        this.smtp = smtp;
        this.gateway = gateway;
        this.log = log;
    }

    /** Starts both peers; port 0 picks free ports. */
    public static MessagePeers start(int smtpPort, int gatewayPort, Path log) {
        ServerSetup setup = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        GreenMail smtp = new GreenMail(smtpPort == 0 ? setup.dynamicPort() : setup);
        smtp.start();
        try {
            HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", gatewayPort), 0);
            gateway.setExecutor(Executors.newFixedThreadPool(4));
            MessagePeers peers = new MessagePeers(smtp, gateway, log);
            gateway.createContext("/v1/sms/messages", exchange -> peers.accept("SMS", exchange));
            gateway.createContext("/v1/wechat/template-messages", exchange -> peers.accept("WECHAT", exchange));
            gateway.start();
            return peers;
        } catch (IOException e) {
            smtp.stop();
            throw new UncheckedIOException("cannot open the gateway port " + gatewayPort, e);
        }
    }

    /** The environment that points notification-service at these peers (names from its application.properties). */
    public Map<String, String> serviceEnvironment() {
        String gatewayUrl = "http://127.0.0.1:" + gateway.getAddress().getPort();
        return Map.of(
                "LIANXIN_SMTP_HOST", "127.0.0.1",
                "LIANXIN_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()),
                "LIANXIN_SMTP_START_TLS", "DISABLED",
                "LIANXIN_SMS_GATEWAY_URL", gatewayUrl,
                "LIANXIN_WECHAT_GATEWAY_URL", gatewayUrl,
                // REQUIRED by notification-service (no default outside dev and test): these gateways take any key.
                "LIANXIN_SMS_API_KEY", "local-sms-key",
                "LIANXIN_WECHAT_API_KEY", "local-wechat-key");
    }

    public String describe() {
        return "SMTP 127.0.0.1:" + smtp.getSmtp().getPort() + ", SMS/WeChat gateway http://127.0.0.1:"
                + gateway.getAddress().getPort();
    }

    /** Messages received by the SMS and WeChat gateways, oldest first. */
    public List<Received> gatewayMessages() {
        return List.copyOf(gatewayMessages);
    }

    /** E-mails received by the SMTP server, oldest first. */
    public List<Received> emails() {
        return java.util.Arrays.stream(smtp.getReceivedMessages())
                .map(message -> new Received("EMAIL", recipients(message), GreenMailUtil.getBody(message), Instant.now()))
                .toList();
    }

    @Override
    public void close() {
        gateway.stop(0);
        smtp.stop();
    }

    private void accept(String channel, HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
            Received received = new Received(channel, exchange.getRequestURI().getPath(), body, Instant.now());
            gatewayMessages.add(received);
            append(received);
            byte[] response = "{\"accepted\":true}".getBytes(UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, response.length);
            exchange.getResponseBody().write(response);
        }
    }

    private synchronized void append(Received received) {
        if (log == null) {
            return;
        }
        try {
            Files.writeString(log, received.at() + " " + received.channel() + " " + received.body() + System.lineSeparator(), UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String recipients(MimeMessage message) {
        try {
            return String.join(",", java.util.Arrays.stream(message.getAllRecipients()).map(Object::toString).toList());
        } catch (jakarta.mail.MessagingException e) {
            return "?";
        }
    }
}
