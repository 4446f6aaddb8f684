package cn.lianxin.systemtests.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * A real Keycloak, the Quarkus distribution that system-tests/pom.xml unpacks into target/keycloak-dist at build
 * time, started as a child process in dev mode with an in-memory database (nothing outlives the run) and the realms
 * of deploy/keycloak imported at start. Keycloak 26 needs Java 21 or newer while the build runs on 17: it runs on the
 * newest such JDK found (see {@link #java21Home()}). Its administration API is driven as an operator would.
 */
final class KeycloakServer implements AutoCloseable {

    static final String REALM = "lianxin";
    private static final String ADMIN = "admin";
    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private final Process process;
    private final Path log;
    private final int port;
    private final String adminPassword;

    private KeycloakServer(Process process, Path log, int port, String adminPassword) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.adminPassword = adminPassword;
    }

    /** Starts Keycloak with {@code realmFiles} to import; returns at once ({@link #awaitReady}). */
    static KeycloakServer start(Path distribution, List<Path> realmFiles, Path logs) {
        Path home = keycloakHome(distribution);
        int port = freePort();
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String adminPassword = HexFormat.of().formatHex(secret);
        try {
            // start-dev --import-realm reads the realms from data/import; the in-memory database keeps nothing of a
            // previous run, so the files are imported afresh every time.
            Path imports = home.resolve("data/import");
            if (Files.isDirectory(imports)) {
                try (Stream<Path> old = Files.list(imports)) {
                    for (Path file : old.toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(imports);
            for (Path realm : realmFiles) {
                Files.copy(realm, imports.resolve(realm.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.createDirectories(logs);
            Path log = logs.resolve("keycloak.log");
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-port=" + port, "--http-management-port=" + freePort(), "--db=dev-mem", "--import-realm")
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", java21Home().toString());
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
            // The client compiler only, as the services in these tests: a fresh distribution first builds itself
            // (Quarkus augmentation) and then starts, and C2's compilations of that short life took the cores: 35 s of
            // CPU instead of 64 s to ready, measured on an idle 2-core machine.
            builder.environment().put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            KeycloakServer server = new KeycloakServer(builder.start(), log, port, adminPassword);
            // Also when the test JVM ends without reaching @AfterAll (a surefire timeout): no Keycloak outlives it.
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "keycloak-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak from " + home, e);
        }
    }

    /**
     * The home of a JDK 21 or newer: {@code KEYCLOAK_JAVA_HOME} when set, this JVM when it is one, else the newest
     * JDK under /usr/lib/jvm (its {@code release} file tells the version). None: the test fails, saying so.
     */
    static Path java21Home() {
        String configured = System.getenv("KEYCLOAK_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured);
            assertThat(javaVersion(home)).as("KEYCLOAK_JAVA_HOME=%s must be a JDK 21 or newer (Keycloak 26 needs it)", home)
                    .hasValueSatisfying(version -> assertThat(version).isGreaterThanOrEqualTo(21));
            return home;
        }
        if (Runtime.version().feature() >= 21) {
            return Path.of(System.getProperty("java.home"));
        }
        List<Path> candidates = new ArrayList<>();
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> homes = Files.list(jvms)) {
                homes.filter(home -> javaVersion(home).orElse(0) >= 21).forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return candidates.stream().max(Comparator.comparing((Path home) -> javaVersion(home).orElse(0)))
                .orElseThrow(() -> new AssertionError("Keycloak 26 needs Java 21 or newer, and none was found: this JVM is "
                        + Runtime.version() + ", KEYCLOAK_JAVA_HOME is not set and /usr/lib/jvm has no JDK 21+ "
                        + "(a directory with bin/java and a release file saying JAVA_VERSION=\"21\" or later). Install one "
                        + "(e.g. the temurin-21-jdk or openjdk-21-jdk package) or set KEYCLOAK_JAVA_HOME."));
    }

    private static Optional<Integer> javaVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try {
            Matcher version = JAVA_VERSION.matcher(Files.readString(release));
            return version.find() ? Optional.of(Integer.parseInt(version.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Path keycloakHome(Path distribution) {
        try (Stream<Path> entries = Files.list(distribution)) {
            return entries.filter(dir -> Files.isExecutable(dir.resolve("bin/kc.sh"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no Keycloak in " + distribution
                            + ": the build unpacks it (system-tests/pom.xml, unpack-keycloak; run through Maven)"));
        } catch (IOException e) {
            throw new AssertionError("no Keycloak at " + distribution
                    + ": the build unpacks it (system-tests/pom.xml, unpack-keycloak; run through Maven)", e);
        }
    }

    /** Waits until the lianxin realm answers its discovery document; fails at once if Keycloak exits. */
    void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer(REALM) + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            Awaitility.await("Keycloak ready").atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
                        }
                        try {
                            return http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        } catch (IOException notYet) {
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Keycloak was not ready within " + timeout.toSeconds() + " s; see " + log, e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The issuer of {@code realm}'s tokens: Keycloak in dev mode names itself by the host it is asked on. */
    String issuer(String realm) {
        return url() + "/realms/" + realm;
    }

    String discoveryDocument(String realm) {
        return RestAssured.given().get(issuer(realm) + "/.well-known/openid-configuration").then().statusCode(200)
                .extract().asString();
    }

    /** A request to the administration API of {@code realm}, as the bootstrap administrator. */
    RequestSpecification admin(String realm) {
        return administrator().baseUri(url() + "/admin/realms/" + realm);
    }

    /** Creates a realm from its representation (what an exported realm file holds). */
    void createRealm(Object representation) {
        administrator().baseUri(url() + "/admin/realms").body(representation).post().then().statusCode(201);
    }

    private RequestSpecification administrator() {
        String token = RestAssured.given().formParams(Map.of("grant_type", "password", "client_id", "admin-cli",
                        "username", ADMIN, "password", adminPassword))
                .post(issuer("master") + "/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("access_token");
        return RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** An access token for {@code username} by the password grant of {@code clientId} (a test client). */
    String passwordGrant(String realm, String clientId, String username, String password) {
        return RestAssured.given().formParams(Map.of("grant_type", "password", "client_id", clientId,
                        "username", username, "password", password, "scope", "openid"))
                .post(issuer(realm) + "/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("access_token");
    }

    /** The realm's keys as the administration API lists them (kid, algorithm, providerId, status). */
    JsonPath keys(String realm) {
        return admin(realm).get("/keys").then().statusCode(200).extract().jsonPath();
    }

    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        process.destroy();
        all.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        all.forEach(ProcessHandle::destroyForcibly);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
