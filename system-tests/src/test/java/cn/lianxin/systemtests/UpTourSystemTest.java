package cn.lianxin.systemtests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.lianxin.bootstrap.TestServer;
import cn.lianxin.local.LianxinService;
import cn.lianxin.local.LocalSettings;
import cn.lianxin.testing.TestJvm;

/**
 * README's quick start, for real: {@code deploy/local/up --no-demo} from a temporary directory, its state there too and
 * every port moved by an offset (so that it runs beside a developer's own stack and beside other builds), then the first
 * steps of "A tour of X市": health, a token from {@code deploy/local/token}, the Swagger UI, an API call with and without
 * the token. Every process it started is gone afterwards, also when a step fails.
 *
 * <p>It needs the packaged services and launcher, which this module's dependencies have the reactor build first, so it
 * runs {@code up} with {@code --no-build}. The database: the tests' server ({@link TestServer}: 127.0.0.1:5432,
 * {@code LIANXIN_TEST_DB_*}, or the embedded one the test JVMs share), in a database of its own that it drops. The
 * stack's own embedded fallback is walked by {@code .ci/fresh-machine}, as a user other than root.
 */
class UpTourSystemTest {

    private static final Duration START = Duration.ofMinutes(4);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void upWithoutDemoThenTheToursFirstSteps() throws Exception {
        Path root = Path.of("").toAbsolutePath().resolve("..").normalize();
        int offset = freeOffset();
        Map<String, String> env = new HashMap<>();
        env.put("LIANXIN_LOCAL_STATE", dir.resolve("state").toString());
        env.put("LIANXIN_LOCAL_PORT_OFFSET", Integer.toString(offset));
        String database = "lianxin_tour_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        env.put("LIANXIN_LOCAL_DB", database);
        TestServer server = TestServer.get();
        env.put("LIANXIN_LOCAL_DB_HOST", server.host());
        env.put("LIANXIN_LOCAL_DB_PORT", Integer.toString(server.port()));
        env.put("LIANXIN_LOCAL_DB_USER", server.user());
        env.put("LIANXIN_LOCAL_DB_PASSWORD", server.password());
        env.putAll(TestJvm.environment()); // the launcher's JVM and the services it starts
        LocalSettings settings = LocalSettings.of(root, env);
        LianxinService tracking = settings.services().get(1);
        LianxinService notification = settings.services().get(3);

        Path log = dir.resolve("up.log");
        ProcessBuilder builder = new ProcessBuilder(root.resolve("deploy/local/up").toString(), "--no-demo", "--no-build")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process up = builder.start();
        List<ProcessHandle> started = new CopyOnWriteArrayList<>();
        try {
            await("deploy/local/up: 'Lianxin is running'").atMost(START).pollInterval(Duration.ofMillis(500)).until(() -> {
                up.descendants().forEach(started::add);
                assertThat(up.isAlive()).as("up is running; its output:\n%s", read(log)).isTrue();
                return read(log).contains("Lianxin is running");
            });
            up.descendants().forEach(started::add);
            assertThat(read(log)).contains(tracking.url() + "/q/swagger-ui");

            // Ready: database and broker reachable (health on the API port, or on the management port where it moved).
            assertThat(List.of(get(tracking.url() + "/q/health/ready", null),
                    get("http://127.0.0.1:" + settings.managementPort(tracking) + "/q/health/ready", null)))
                    .extracting(HttpResponse::statusCode).contains(200);

            // 1. The Swagger UI, and the token to authorize with. Its first page is served from the jar's web resources,
            // which on a loaded machine (two cores, four JVMs just started) can take longer than one request's timeout.
            await("the Swagger UI answers").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        HttpResponse<String> swagger = get(tracking.url() + "/q/swagger-ui/", null);
                        assertThat(swagger.statusCode()).as("%s; tracking-service's log:\n%s", swagger.body(),
                                tail(dir.resolve("state/logs/tracking-service.log"))).isEqualTo(200);
                    });
            String token = token(root, env);
            assertThat(token).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");

            // 2. An API call, as the tour makes them: with the token it answers, without it it does not.
            HttpResponse<String> notifications = get(notification.url() + "/api/v1/notifications", token);
            assertThat(notifications.statusCode()).as(notifications.body()).isEqualTo(200);
            assertThat(notifications.body()).contains("\"items\"");
            assertThat(get(notification.url() + "/api/v1/notifications", null).statusCode()).isEqualTo(401);

            // The services listen on 127.0.0.1 only.
            for (InetAddress address : ownNonLoopbackAddresses()) {
                assertThat(connects(address, tracking.port())).as("%s:%d", address, tracking.port()).isFalse();
            }
        } finally {
            stop(up, started);
            drop(server, database);
        }
        assertThat(read(log)).contains("Stopped.");
        assertThat(started).noneMatch(ProcessHandle::isAlive);
    }

    /** SIGTERM to the launcher, which stops the services, the broker and the database in order; whatever is left is killed. */
    private void stop(Process up, List<ProcessHandle> started) throws Exception {
        up.descendants().forEach(started::add);
        up.destroy();
        if (!up.waitFor(90, TimeUnit.SECONDS)) {
            up.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle process : started) {
            process.destroyForcibly();
            process.onExit().get(10, TimeUnit.SECONDS);
        }
        // An embedded PostgreSQL runs detached (pg_ctl), not as a child: the launcher stops it; should it not have, this does.
        Path pid = dir.resolve("state/pgdata/postmaster.pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).strip())).ifPresent(ProcessHandle::destroy);
        }
    }

    /** The token {@code deploy/local/token} prints on its standard output (what the JVM says goes to standard error). */
    private String token(Path root, Map<String, String> env) throws Exception {
        Path out = dir.resolve("token.out");
        Path err = dir.resolve("token.err");
        ProcessBuilder builder = new ProcessBuilder(root.resolve("deploy/local/token").toString(), "--role", "ADMIN")
                .directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process token = builder.start();
        try {
            assertThat(token.waitFor(60, TimeUnit.SECONDS)).as("deploy/local/token finishes").isTrue();
            assertThat(token.exitValue()).as("%s%s", read(out), read(err)).isZero();
            return read(out).strip();
        } finally {
            token.destroyForcibly();
        }
    }

    private HttpResponse<String> get(String url, String token) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Refused(url, e.toString());
        }
    }

    private static void drop(TestServer server, String database) {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop " + database + ": " + e.getMessage(), e);
        }
    }

    /** An offset under which every port of the stack is free now. */
    private static int freeOffset() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(20_000, 50_000);
            LocalSettings settings = LocalSettings.of(Path.of("."), Map.of("LIANXIN_LOCAL_PORT_OFFSET", Integer.toString(offset)));
            List<Integer> ports = new ArrayList<>(List.of(settings.kafkaPort(), settings.smtpPort(), settings.gatewayPort()));
            settings.services().forEach(service -> {
                ports.add(service.port());
                ports.add(settings.managementPort(service));
            });
            if (ports.stream().allMatch(UpTourSystemTest::free)) {
                return offset;
            }
        }
        throw new IllegalStateException("no offset with every port of the stack free");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<InetAddress> ownNonLoopbackAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface network : NetworkInterface.networkInterfaces().toList()) {
            if (network.isUp() && !network.isLoopback()) {
                network.inetAddresses().filter(Inet4Address.class::isInstance).forEach(addresses::add);
            }
        }
        return addresses;
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, UTF_8) : "";
    }

    /** The last lines of {@code file}: enough to see why a service did not answer. */
    private static String tail(Path file) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, UTF_8) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** What {@link #get} answers when no answer came (refused, reset, timed out): status 0, the reason as its body. */
    private record Refused(String url, String reason) implements HttpResponse<String> {
        public int statusCode() {
            return 0;
        }

        public HttpRequest request() {
            return HttpRequest.newBuilder(URI.create(url)).build();
        }

        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true);
        }

        public String body() {
            return reason;
        }

        public Optional<javax.net.ssl.SSLSession> sslSession() {
            return Optional.empty();
        }

        public URI uri() {
            return URI.create(url);
        }

        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
