package cn.lianxin.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import cn.lianxin.local.SelfCheckInKeys;
import cn.lianxin.local.ServiceProcess;
import cn.lianxin.local.peers.MessagePeers;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;
import cn.lianxin.testing.TestJvm;

/**
 * The whole system as production runs it: the four services as separate processes from their packaged builds
 * ({@code <module>/target/quarkus-app}), on free ports, with one real Kafka broker and a fresh PostgreSQL database
 * (shared with nothing else). Started once per test JVM; a scenario class registers this extension and talks to
 * the services only through their REST APIs and the Kafka topics. After each scenario class, no service may have
 * logged an error.
 *
 * <p>报平安 self check-in is on, as a city enables it and as the local stack runs it ({@link SelfCheckInKeys}): a key
 * pair made for the run, its private key given to notification-service, which signs the links, its public key to
 * tracking-service, which checks them; the links point at tracking-service's address.
 */
public final class LianxinSystem implements BeforeAllCallback, AfterAllCallback {

    public static final String MEMBER = "member-service";
    public static final String TRACKING = "tracking-service";
    public static final String CASES = "case-service";
    public static final String NOTIFICATION = "notification-service";

    private static Map<String, ServiceProcess> processes;
    private static final List<ServiceProcess> launched = new ArrayList<>();
    private static MessagePeers peers;
    private static boolean stopped;
    private final Map<String, Integer> errorsBefore = new HashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        // The services stop side by side once every scenario has run, before the JVM exits and its shutdown hooks
        // stop the broker and the database under them (a service that loses the broker while it stops waits for it).
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(LianxinSystem.class, key -> (AutoCloseable) LianxinSystem::stop, AutoCloseable.class);
        started().forEach((module, process) -> errorsBefore.put(module, process.errorLines().size()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // Every event an integrating system can read is a valid CloudEvent, keyed and shaped as its schema says.
        for (String topic : List.of("member.events", "contact.events", "case.events", "notification.events",
                "lookup.requests", "lookup.answers")) {
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
        return anonymous(module)
                .auth().oauth2(token)
                .contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    /** A request to {@code module} without credentials. */
    public static RequestSpecification anonymous(String module) {
        ServiceProcess process = process(module);
        return RestAssured.given().baseUri(process.service().url()).filter((request, response, next) -> {
            try {
                return next.next(request, response);
            } catch (Exception noAnswer) {
                throw new IllegalStateException(module + " did not answer " + request.getMethod() + " " + request.getURI()
                        + (process.isAlive() ? " (its process runs)" : " (its process has exited)") + "; see " + process.log(),
                        noAnswer);
            }
        });
    }

    public static String url(String module) {
        return process(module).service().url();
    }

    private static ServiceProcess process(String module) {
        ServiceProcess process = started().get(module);
        if (process == null) {
            throw new IllegalArgumentException("no service " + module);
        }
        return process;
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

    private static synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        ServiceProcess.stopAll(launched);
        if (peers != null) {
            peers.close();
        }
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
        env.put("LIANXIN_LOG_JSON", "false"); // text logs: errorLines() reads the level after the timestamp
        env.putAll(TestJvm.environment());
        SelfCheckInKeys selfCheckIn = SelfCheckInKeys.in(logs.resolve("self-check-in-keys"), true); // this run's own pair
        Map<String, ServiceProcess> started = new LinkedHashMap<>();
        // Stopped once the last scenario has run (see beforeAll), or by this hook if the JVM ends before that.
        Runtime.getRuntime().addShutdownHook(new Thread(LianxinSystem::stop, "lianxin-system-stop"));
        // Each takes free ports as it binds them and names them once it listens (ports chosen before would be free for
        // any other program until then: the modules' tests run side by side); health and metrics on a management port
        // of each service's own (all four would take 9000).
        env.put("QUARKUS_MANAGEMENT_PORT", "0");
        // notification-service writes tracking-service's address into the 报平安 links and the campaign reminders: it
        // starts once tracking-service listens and has named its port (the others start meanwhile).
        ServiceProcess tracking = null;
        for (LianxinService service : LianxinService.DEFAULTS) {
            Map<String, String> own = new HashMap<>(env);
            if (service.module().equals(TRACKING)) {
                own.putAll(selfCheckIn.environment(TRACKING, ""));
            } else if (service.module().equals(NOTIFICATION)) {
                if (tracking == null) {
                    throw new IllegalStateException("tracking-service starts before notification-service");
                }
                tracking.awaitReady(Duration.ofSeconds(120));
                String trackingUrl = tracking.service().url();
                own.putAll(selfCheckIn.environment(NOTIFICATION, trackingUrl));
                own.put("LIANXIN_NOTIFICATION_CAMPAIGN_URL", trackingUrl + "/api/v1/campaigns");
            }
            ServiceProcess process = ServiceProcess.start(root, service.onPort(0), own, logs);
            launched.add(process);
            started.put(service.module(), process);
            if (service.module().equals(TRACKING)) {
                tracking = process;
            }
        }
        launched.forEach(process -> process.awaitReady(Duration.ofSeconds(120)));
        return started;
    }
}
