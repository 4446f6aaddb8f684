package cn.lianxin.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import cn.lianxin.local.LianxinService;
import cn.lianxin.local.ServiceProcess;
import cn.lianxin.local.peers.MessagePeers;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;

/**
 * The whole system as production runs it: the four services as separate processes from their packaged builds
 * ({@code <module>/target/quarkus-app}), on free ports, with one real Kafka broker and a fresh PostgreSQL database
 * (shared with nothing else). Started once per test JVM; a scenario class registers this extension and talks to
 * the services only through their REST APIs and the Kafka topics. After each scenario class, no service may have
 * logged an error.
 */
public final class LianxinSystem implements BeforeAllCallback, AfterAllCallback {

    public static final String MEMBER = "member-service";
    public static final String TRACKING = "tracking-service";
    public static final String CASES = "case-service";
    public static final String NOTIFICATION = "notification-service";

    private static Map<String, ServiceProcess> processes;
    private static MessagePeers peers;
    private final Map<String, Integer> errorsBefore = new HashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        started().forEach((module, process) -> errorsBefore.put(module, process.errorLines().size()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // Every event an integrating system can read is a valid CloudEvent, keyed and shaped as its schema says.
        for (String topic : List.of("member.events", "contact.events", "case.events", "notification.events")) {
            events().all(topic).forEach(KafkaEvents::assertValidEnvelope);
        }
        started().forEach((module, process) -> {
            List<String> errors = process.errorLines();
            assertThat(errors.subList(errorsBefore.getOrDefault(module, 0), errors.size()))
                    .as("errors logged by %s during %s (see %s)", module, context.getDisplayName(), process.log())
                    .isEmpty();
        });
    }

    /** A request to {@code module}'s API, as a caller holding {@code token}. */
    public static RequestSpecification api(String module, String token) {
        return RestAssured.given()
                .baseUri(url(module))
                .auth().oauth2(token)
                .contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    /** A request to {@code module} without credentials. */
    public static RequestSpecification anonymous(String module) {
        return RestAssured.given().baseUri(url(module));
    }

    public static String url(String module) {
        ServiceProcess process = started().get(module);
        if (process == null) {
            throw new IllegalArgumentException("no service " + module);
        }
        return process.service().url();
    }

    public static Tokens tokens() {
        return new Tokens(LianxinTestResource.jwtKeys());
    }

    public static String admin() {
        return tokens().admin();
    }

    public static String tokenFor(String role, UUID org) {
        return tokens().forRole(role, org);
    }

    /** The SMTP server and the SMS/WeChat gateways notification-service delivers to. */
    public static MessagePeers messages() {
        started();
        return peers;
    }

    /** The services' common clock. */
    public static Instant now() {
        return Instant.parse(api(MEMBER, admin()).get("/api/v1/time").then().statusCode(200).extract().path("now"));
    }

    /** Moves every service's clock forward to {@code instant} (they only ever move forward). */
    public static void travelTo(Instant instant) {
        for (String module : started().keySet()) {
            api(module, admin()).body(Map.of("now", instant.toString())).put("/api/v1/time").then().statusCode(200);
        }
    }

    public static KafkaEvents events() {
        return new KafkaEvents(LianxinTestResource.bootstrapServers());
    }

    private static synchronized Map<String, ServiceProcess> started() {
        if (processes == null) {
            processes = start();
        }
        return processes;
    }

    private static Map<String, ServiceProcess> start() {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path logs = Path.of("target/system-logs").toAbsolutePath();
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        peers = MessagePeers.start(0, 0, logs.resolve("messages.log"));
        Map<String, String> env = new HashMap<>(LianxinTestResource.serviceEnvironment());
        env.putAll(peers.serviceEnvironment());
        env.put("LIANXIN_TIME_TRAVEL_ENABLED", "true"); // scenarios live months in minutes
        env.put("LIANXIN_NOTIFICATION_DIGEST_EVERY", "1s"); // held warnings go out within a second of 09:00
        Map<String, ServiceProcess> started = new LinkedHashMap<>();
        List<ServiceProcess> all = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            all.forEach(ServiceProcess::stop);
            peers.close();
        }, "lianxin-system-stop"));
        for (LianxinService service : LianxinService.DEFAULTS) {
            ServiceProcess process = ServiceProcess.start(root, service.onPort(freePort()), env, logs);
            all.add(process);
            started.put(service.module(), process);
        }
        all.forEach(process -> process.awaitReady(Duration.ofSeconds(120)));
        return started;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
