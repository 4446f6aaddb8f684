package cn.lianxin.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import sun.misc.Signal;

import cn.lianxin.bootstrap.DatabaseRoles;
import cn.lianxin.bootstrap.JwtKeys;
import cn.lianxin.bootstrap.TokenMinter;
import cn.lianxin.kafka.BrokerSettings;
import cn.lianxin.kafka.KafkaBroker;
import cn.lianxin.kafka.LianxinTopics;
import cn.lianxin.local.demo.DemoCity.Figures;
import cn.lianxin.local.demo.DemoCity;
import cn.lianxin.local.peers.DepartmentStandIn;
import cn.lianxin.local.peers.MessagePeers;

/**
 * The whole system on one machine: a real Kafka broker, PostgreSQL, the four services as separate
 * processes from their packaged builds, demo data, and tokens to call them with. Ctrl-C stops it all.
 *
 * <p>Usage (through {@code deploy/local/up} and {@code deploy/local/token}):
 * <pre>
 *   up [--no-demo] [--fresh]            start everything and wait for Ctrl-C (LIANXIN_LOCAL_DB: another database)
 *   token --role ROLE [--org ORG_ID] [--member MEMBER_ID]
 *                                       print a token valid for the running stack
 *   keys DIR                            write a fresh JWT key pair into DIR (docker-compose)
 * </pre>
 */
public final class LocalStack {

    private final Path root;
    private final Path state;
    private final LocalSettings settings;
    private final List<LianxinService> services;
    // Written by the starting thread, read by whichever thread stops the stack (a signal's, the shutdown hook's).
    private final List<ServiceProcess> processes = new CopyOnWriteArrayList<>();
    private volatile KafkaBroker broker;
    private volatile LocalDatabase database;
    private volatile MessagePeers peers;
    private volatile DepartmentStandIn departments;
    private volatile Supervisor supervisor;
    private volatile boolean stopped;
    /** Held for the launcher's life: referenced so that its channel is never collected (which would release it). */
    private StateLock stateLock;

    private LocalStack(Path root, LocalSettings settings) {
        this.root = root;
        this.settings = settings;
        this.state = settings.state();
        this.services = settings.services();
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("lianxin.root", ".")).toAbsolutePath().normalize();
        String command = args.length == 0 ? "up" : args[0];
        List<String> options = args.length == 0 ? List.of() : List.of(args).subList(1, args.length);
        LocalSettings settings = LocalSettings.of(root, System.getenv());
        switch (command) {
            case "up" -> {
                LocalStack stack = new LocalStack(root, settings);
                try {
                    stack.up(options.contains("--no-demo"), options.contains("--fresh"));
                } catch (Refusal refusal) {
                    stack.stop();
                    System.err.println("\nLianxin did not start: " + refusal.getMessage());
                    System.exit(1);
                } catch (Exception | Error failure) {
                    if (stack.stopped) {
                        return; // Ctrl-C while starting: a service that was stopped is no failure; the signal's thread exits
                    }
                    failure.printStackTrace();
                    System.err.println("\nLianxin did not start: " + failure.getMessage() + "\nLogs: " + settings.state().resolve("logs"));
                    stack.stop();
                    System.exit(1);
                }
            }
            case "token" -> TokenCommand.run(settings.state().resolve("keys"), options);
            case "keys" -> {
                Path dir = Path.of(options.isEmpty() ? "deploy/keys" : options.get(0));
                JwtKeys.generate(dir);
                System.out.println("Wrote a JWT key pair to " + dir.toAbsolutePath() + " (never commit it)");
            }
            default -> {
                System.err.println("usage: up [--no-demo] [--fresh] | token --role ROLE [--org ORG_ID] [--member MEMBER_ID] | keys DIR");
                System.exit(2);
            }
        }
    }

    private void up(boolean noDemo, boolean fresh) throws Exception {
        Instant started = Instant.now();
        stopOnSignals();
        Checkout checkout = Checkout.of(root);
        stateLock = StateLock.acquire(state);
        database = LocalDatabase.connect(state, System.getenv().getOrDefault("LIANXIN_LOCAL_DB", checkout.defaultDatabase()));
        // Keys, broker data and demo ids belong to the database's contents: without them, or with another
        // database, the database starts afresh too; and a database created now means they must.
        Path record = state.resolve("database");
        boolean keysKept = Files.exists(state.resolve("keys").resolve(JwtKeys.PRIVATE_KEY_FILE));
        boolean sameDatabase = Files.exists(record) && Files.readString(record).strip().equals(database.identity());
        database.prepare(checkout, fresh || !keysKept || !sameDatabase);
        boolean freshState = database.created();
        if (freshState) {
            forgetStateBut(state, "pgdata", StateLock.FILE);
        }
        Files.createDirectories(state.resolve("logs"));
        Files.writeString(record, database.identity() + "\n");
        step("PostgreSQL", database.describe() + (freshState ? " (new)" : "") + (database.embedded() ? " (data: " + shown(state.resolve("pgdata")) + ")" : ""));

        JwtKeys keys = freshState ? JwtKeys.generate(state.resolve("keys")) : JwtKeys.read(state.resolve("keys"));
        Map<String, String> piiKeys = piiKeys(freshState);
        SelfCheckInKeys linkKeys = SelfCheckInKeys.in(state.resolve("keys/self-check-in"), freshState);

        LibraryLogs.quiet(state.resolve("logs/kafka.log"));
        broker = KafkaBroker.start(BrokerSettings.fixed(settings.kafkaPort(), state.resolve("kafka")));
        broker.createTopics(LianxinTopics.all());
        departments = DepartmentStandIn.start(broker.bootstrapServers());
        step("Kafka", broker.bootstrapServers() + " (data: " + shown(state.resolve("kafka")) + ", log: "
                + shown(state.resolve("logs/kafka.log")) + ")");

        peers = MessagePeers.start(settings.smtpPort(), settings.gatewayPort(), state.resolve("logs/messages.log"));
        step("SMTP, SMS, WeChat", peers.describe() + " (what they receive: " + shown(state.resolve("logs/messages.log")) + ")");

        Map<String, String> env = new HashMap<>(piiKeys);
        env.putAll(peers.serviceEnvironment());
        env.put("LIANXIN_DB_URL", database.jdbcUrl());
        // Each service as its own roles, which its configuration names (lianxin_member, lianxin_member_owner, ...).
        env.put("LIANXIN_DB_PASSWORD", DatabaseRoles.DEV_PASSWORD);
        env.put("LIANXIN_DB_OWNER_PASSWORD", DatabaseRoles.DEV_PASSWORD);
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("LIANXIN_JWT_PUBLIC_KEY_LOCATION", keys.publicKeyFile().toAbsolutePath().toString());
        // The production profile logs JSON for a log pipeline; the local stack's logs are read by a person.
        env.put("LIANXIN_LOG_JSON", "false");
        for (LianxinService service : services) {
            // On the address of LIANXIN_LOCAL_BIND (127.0.0.1 unless said otherwise), health and metrics included
            // wherever the build serves them (a management port of its own when it has one).
            Map<String, String> own = new HashMap<>(env);
            own.put("QUARKUS_HTTP_HOST", settings.bind());
            own.put("QUARKUS_MANAGEMENT_HOST", settings.bind());
            own.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(settings.managementPort(service)));
            // 报平安 links reach the members of the demo city: notification-service signs them, tracking-service checks them.
            own.putAll(linkKeys.environment(service.module(), trackingUrl()));
            register(ServiceProcess.start(root, service, own, state.resolve("logs")));
        }
        for (ServiceProcess process : processes) {
            process.awaitReady(Duration.ofSeconds(180));
            step(process.service().module(), "ready on " + process.service().url());
        }
        supervisor = new Supervisor(Supervisor.Policy.LOCAL, line -> System.out.println("  ⚠ " + line));
        processes.forEach(supervisor::watch);

        TokenMinter tokens = new TokenMinter(keys);
        String adminToken = tokens.mint("admin", "ADMIN", null, null, Duration.ofHours(12));
        if (!noDemo && !Files.exists(state.resolve("demo.env"))) {
            System.out.printf("  … %-21s %s%n", "demo city", "loading X市 through the APIs (20,000 members; 3 to 4 minutes on 2 cores)");
            Figures demo = DemoCity.load(adminToken,
                    org -> tokens.mint("demo-organizer", "ORG_ADMIN", org, null, Duration.ofHours(1)),
                    new DemoCity.Urls(url(0), url(1), url(2), url(3)));
            Files.writeString(state.resolve("demo.env"), "CITY=" + demo.city() + "\nBRANCH=" + demo.sampleBranch() + "\n");
            step("demo city", "X市 (city committee " + demo.city() + "): " + demo.branches() + " branches, " + demo.members()
                    + " members, " + demo.flowing() + " flowing, " + demo.quiet() + " gone quiet, " + demo.cases()
                    + " cases, campaign " + demo.campaign() + " in progress, rosters filed and returned, a lookup answered;"
                    + " loaded in " + demo.took().toSeconds() + " s (" + demo.stages() + ")");
        }
        printWelcome(adminToken, Duration.between(started, Instant.now()));
        new CountDownLatch(1).await(); // until Ctrl-C; the shutdown hook stops everything
    }

    private void printWelcome(String adminToken, Duration startTime) {
        StringBuilder text = new StringBuilder("\n联心 Lianxin is running (started in " + startTime.toSeconds() + " s)\n\n");
        for (LianxinService service : services) {
            text.append(String.format("  %-21s %s/q/swagger-ui%n", service.module(), service.url()));
        }
        text.append("\nDemo ADMIN token (12 h):\n").append(adminToken).append("\n\n")
                .append("Try it (README: \"A tour of X市\"):\n")
                .append("  export TOKEN=$(deploy/local/token --role ADMIN)\n");
        if (Files.exists(state.resolve("demo.env"))) {
            text.append("  source ").append(shown(state.resolve("demo.env"))).append("     # CITY and BRANCH of the demo city X市\n")
                    .append("  curl -H \"Authorization: Bearer $TOKEN\" \"").append(url(1)).append("/api/v1/worklists/overdue?orgId=$BRANCH\"\n");
        }
        text.append("\nOther roles: deploy/local/token --role SECRETARY --org <ORG_ID>\n")
                .append("Logs: ").append(shown(state.resolve("logs"))).append("/   Stop: Ctrl-C\n");
        System.out.println(text);
    }

    private String trackingUrl() {
        return services.stream().filter(service -> service.module().equals("tracking-service")).findFirst()
                .orElseThrow().url();
    }

    private String url(int service) {
        return services.get(service).url();
    }

    /** A path of the state as the user would type it: relative to the checkout when it lies in it. */
    private String shown(Path path) {
        return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }

    private Map<String, String> piiKeys(boolean fresh) throws IOException {
        Path file = state.resolve("keys/pii.properties");
        if (fresh || !Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "LIANXIN_PII_ENCRYPTION_KEY=" + randomKey() + "\nLIANXIN_PII_INDEX_KEY=" + randomKey() + "\n");
        }
        Map<String, String> keys = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                keys.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return keys;
    }

    /**
     * Ctrl-C and SIGTERM stop the stack in order. Left to the JVM, every shutdown hook would run at once, the
     * embedded PostgreSQL's own among them, and the services would see their database vanish while stopping.
     * The hook remains for any other way out.
     */
    private void stopOnSignals() {
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    stop();
                    System.exit(0);
                });
            } catch (IllegalArgumentException notHandled) {
                // the JVM keeps this signal (-Xrs): the shutdown hook still stops everything
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "lianxin-local-stop"));
    }

    /** Adds a started service, or stops it at once when the stack is already stopping. */
    private synchronized void register(ServiceProcess process) {
        processes.add(process);
        if (stopped) {
            process.stop();
        }
    }

    /**
     * Stops what uses before what is used: no service is restarted any more; the services, which may still be
     * delivering messages or committing, stop and exit; then the message peers, the broker, the database. Waits
     * for all of it, so a second Ctrl-C cannot cut it short.
     */
    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        boolean running = !processes.isEmpty() || broker != null || peers != null;
        if (running) {
            System.out.println("\nStopping Lianxin…");
        }
        if (supervisor != null) {
            supervisor.close();
        }
        ServiceProcess.stopAll(processes);
        if (departments != null) {
            departments.close();
        }
        if (peers != null) {
            peers.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (database != null) {
            database.close();
        }
        if (running) {
            System.out.println("Stopped.");
        }
    }

    private static void step(String what, String detail) {
        System.out.printf("  ✔ %-21s %s%n", what, detail);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Forgets the local state (keys, broker data, demo ids, logs), all but {@code kept}. */
    static void forgetStateBut(Path state, String... kept) throws IOException {
        if (!Files.exists(state)) {
            return;
        }
        try (var entries = Files.list(state)) {
            Set<String> keep = Set.of(kept);
            for (Path entry : entries.filter(entry -> !keep.contains(entry.getFileName().toString())).toList()) {
                deleteRecursively(entry);
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
