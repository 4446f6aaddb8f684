package cn.lianxin.systemtests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import cn.lianxin.bootstrap.DatabaseRoles;
import cn.lianxin.local.LianxinService;
import cn.lianxin.local.ServiceProcess;
import cn.lianxin.local.peers.MessagePeers;
import cn.lianxin.testing.BenchmarkReport;
import cn.lianxin.testing.LianxinTestResource;

/**
 * Issue 14, P5: each packaged service ({@code <module>/target/quarkus-app}) started alone, as production starts it (the
 * JVM options deploy/local gives it, {@link ServiceProcess#serviceJvmOptions()}), against the tests' broker and a fresh
 * database: first {@value #FIRST_STARTS_DEFAULT} times ({@code -Dstartup.first-starts}) against its empty schema, which
 * it migrates (dropped and made again as {@code deploy/postgres/lianxin-roles.sql} makes it before each), then
 * {@value #RESTARTS_DEFAULT} times more ({@code -Dstartup.restarts}) against its migrated schema, as a pod restarts or
 * scales out; the medians of each kind are reported side by side (one first start was the noisiest figure of the
 * table), and beside them the median of as many restarts with an archive made from a real start instead of the build's
 * ({@link #trained}: the lever the build's archive leaves). Measured each time: the time from the process's start until
 * it is ready (listening, and ready on its management interface; {@link ServiceProcess#awaitReady} polls every 50 ms),
 * the CPU time it used until then (all its threads: less sensitive than the time to other work on a shared machine) and
 * Quarkus's own "started in", then its resident memory (VmRSS of /proc/&lt;pid&gt;/status) when ready and after a light
 * representative load ({@value #LOAD_REQUESTS_DEFAULT} authenticated reads by {@value #LOAD_CLIENTS} clients: a token
 * check and a primary-key look-up each), and that load's reads/s (from a cold start: the JIT compiles while it runs).
 * Targets: issue 14's, ready in &lt; 3 s, RSS &lt; 250 MB. Baselines, same run: a JVM with the same options that only
 * prints "ready" ({@link IdleJvm}), and the framework's floor, {@link #BARE}: the services' Quarkus extensions without
 * the project's code, started and loaded the same way, first. Prints figures, asserts no timing.
 * Run: {@code ./mvnw -Pbenchmarks -pl system-tests test-compile surefire:test -Dtest=StartupBenchmark} (after
 * {@code ./mvnw install -DskipTests}).
 */
class StartupBenchmark {

    static final int LOAD_REQUESTS_DEFAULT = 2_000;
    static final int LOAD_REQUESTS = Integer.getInteger("startup.load.requests", LOAD_REQUESTS_DEFAULT);
    /**
     * Where the packaged services are: this checkout, or a directory of copies of their {@code <module>/target/quarkus-app}
     * ({@code cp -a}: a class-data archive checks the jars' times), to measure one build while the checkout is rebuilt.
     */
    static final String ROOT = System.getProperty("startup.root", "..");
    /** First starts of each module, each against its schema emptied (dropped and made again): their median is reported. */
    static final int FIRST_STARTS_DEFAULT = 3;
    static final int FIRST_STARTS = Integer.getInteger("startup.first-starts", FIRST_STARTS_DEFAULT);
    /** Restarts of each module after its first starts, against its migrated schema: their median is reported. */
    static final int RESTARTS_DEFAULT = 3;
    static final int RESTARTS = Integer.getInteger("startup.restarts", RESTARTS_DEFAULT);
    static final int LOAD_CLIENTS = 4;
    static final String BENCHMARK = "system StartupBenchmark";
    /** The kernel's clock ticks a second, in which /proc reports CPU time (USER_HZ: 100 on Linux, whatever the kernel's HZ). */
    private static final int CLOCK_TICKS = 100;
    private static final Pattern STARTED_IN = Pattern.compile("started in (\\d+(?:\\.\\d+)?)s");

    /** What one start measured. */
    record Start(double readySeconds, double cpuSeconds, double quarkusSeconds, long rssReadyMb, long rssLoadedMb,
            double readsPerSecond) {

        /** Each figure's median over {@code starts} (of an even number, the upper of the two middle ones). */
        static Start median(List<Start> starts) {
            return new Start(middle(starts, Start::readySeconds), middle(starts, Start::cpuSeconds),
                    middle(starts, Start::quarkusSeconds), (long) middle(starts, s -> s.rssReadyMb()),
                    (long) middle(starts, s -> s.rssLoadedMb()), middle(starts, Start::readsPerSecond));
        }

        private static double middle(List<Start> starts, ToDoubleFunction<Start> figure) {
            double[] sorted = starts.stream().mapToDouble(figure).sorted().toArray();
            return sorted[sorted.length / 2];
        }
    }

    /**
     * The medians of a module's first starts and of its restarts, each first start, and the median of its restarts with
     * an archive made from a real start ({@link #trained}).
     */
    record Starts(Start first, Start restart, List<Start> firsts, Start trained) {
    }

    @Test
    void startsEachPackagedServiceAloneAgainstAnIdleJvm() throws Exception {
        Path root = Path.of(ROOT).toAbsolutePath().normalize();
        Path logs = Path.of("target/benchmark-logs").toAbsolutePath();
        Files.createDirectories(logs.resolve("benchmarks")); // the bare service's log, benchmarks/bare-service.log
        double[] idle = idleJvm();
        System.out.printf("%n=== StartupBenchmark: each service alone, %s; the medians of %d first starts and of %d restarts ===%n",
                String.join(" ", ServiceProcess.serviceJvmOptions()), FIRST_STARTS, RESTARTS);
        System.out.printf("%-48s %8s %10s %9s %12s %14s %10s%n", "", "ready", "CPU", "Quarkus", "RSS ready", "RSS after load",
                "reads/s");
        System.out.printf("%-48s %7.2fs %10s %9s %9d MB %14s %10s%n", "idle JVM (baseline)", idle[0], "-", "-", (long) idle[1],
                "-", "-");
        try (MessagePeers peers = MessagePeers.start(0, 0, logs.resolve("messages.log"))) {
            Map<String, String> env = new HashMap<>(LianxinTestResource.serviceEnvironment());
            env.putAll(peers.serviceEnvironment());
            env.put("QUARKUS_MANAGEMENT_PORT", "0");
            env.put("LIANXIN_LOG_JSON", "false");
            // The floor starts first: its first start also pays for the run's first connections to the broker and the
            // database, which no service's start then does.
            Starts bare = starts(root, BARE, env, logs);
            print("bare", bare);
            BenchmarkReport.figure(BENCHMARK, "P5 floor, the services' extensions alone (benchmarks/bare-service): "
                    + "process start -> ready, restart", bare.restart().readySeconds(), "s", "idle JVM: start -> main runs",
                    idle[0], "-");
            BenchmarkReport.figure(BENCHMARK, "P5 floor, the services' extensions alone: CPU until ready, restart",
                    bare.restart().cpuSeconds(), "s", "-");
            BenchmarkReport.figure(BENCHMARK, "P5 floor, the services' extensions alone: process start -> ready, restart"
                    + " with an archive made from a real start", bare.trained().readySeconds(), "s",
                    "bare, restart with its build's archive", bare.restart().readySeconds(), "-");
            BenchmarkReport.figure(BENCHMARK, "P5 floor, the services' extensions alone: RSS after %,d reads"
                    .formatted(LOAD_REQUESTS), bare.restart().rssLoadedMb(), "MB", "idle JVM RSS", idle[1], "-");
            for (LianxinService service : LianxinService.DEFAULTS) {
                Starts starts = starts(root, service, env, logs);
                print(service.module(), starts);
                report(service, starts, bare, idle);
            }
        }
        try (Connection c = LianxinTestResource.adminConnection()) {
            BenchmarkReport.settings(c);
        }
        List<String> archived = new ArrayList<>();
        List<LianxinService> modules = new ArrayList<>(List.of(BARE));
        modules.addAll(LianxinService.DEFAULTS);
        for (LianxinService module : modules) {
            if (!ServiceProcess.classDataSharing(root, module).isEmpty()) {
                archived.add(module.module());
            }
        }
        System.out.println("With their class-data archive (target/quarkus-app/app-cds.jsa): "
                + (archived.isEmpty() ? "none" : String.join(", ", archived)));
    }

    private static void print(String name, Starts starts) {
        for (int i = 0; i < starts.firsts().size(); i++) {
            print(name + ", first start " + (i + 1), starts.firsts().get(i));
        }
        print(name + ", first start (median)", starts.first());
        print(name + ", restart (median)", starts.restart());
        print(name + ", restart, trained archive", starts.trained());
    }

    private static void print(String what, Start s) {
        System.out.printf("%-48s %7.2fs %9.2fs %8.2fs %9d MB %11d MB %10.0f%n", what, s.readySeconds(), s.cpuSeconds(),
                s.quarkusSeconds(), s.rssReadyMb(), s.rssLoadedMb(), s.readsPerSecond());
    }

    private static void report(LianxinService service, Starts starts, Starts bare, double[] idle) {
        String metric = "P5 " + service.module();
        BenchmarkReport.figure(BENCHMARK, metric + ": process start -> ready, first start (migrates its schema; median of %d)"
                .formatted(FIRST_STARTS), starts.first().readySeconds(), "s", "bare, first start", bare.first().readySeconds(),
                "< 3 s");
        BenchmarkReport.figure(BENCHMARK, metric + ": process start -> ready, restart (median of %d)".formatted(RESTARTS),
                starts.restart().readySeconds(), "s", "bare, restart", bare.restart().readySeconds(), "< 3 s");
        BenchmarkReport.figure(BENCHMARK, metric + ": CPU until ready, restart", starts.restart().cpuSeconds(), "s",
                "bare, restart", bare.restart().cpuSeconds(), "-");
        BenchmarkReport.figure(BENCHMARK, metric + ": process start -> ready, restart with an archive made from a real start"
                + " (median of %d)".formatted(RESTARTS), starts.trained().readySeconds(), "s",
                "bare, the same", bare.trained().readySeconds(), "-");
        BenchmarkReport.figure(BENCHMARK, metric + ": Quarkus 'started in', restart", starts.restart().quarkusSeconds(), "s",
                "-");
        BenchmarkReport.figure(BENCHMARK, metric + ": RSS when ready", starts.restart().rssReadyMb(), "MB", "idle JVM RSS",
                idle[1], "-");
        BenchmarkReport.figure(BENCHMARK, metric + ": RSS after %,d reads".formatted(LOAD_REQUESTS),
                starts.restart().rssLoadedMb(), "MB", "bare RSS after the same reads", bare.restart().rssLoadedMb(),
                "< 250 MB");
        BenchmarkReport.figure(BENCHMARK, metric + ": reads/s of that load (from a cold start)",
                starts.restart().readsPerSecond(), "/s", "-");
    }

    /**
     * A module's first starts (each against its schema emptied, which it migrates) and its restarts, each field their
     * median.
     */
    private static Starts starts(Path root, LianxinService service, Map<String, String> env, Path logs) throws Exception {
        List<Start> firsts = new ArrayList<>();
        for (int i = 0; i < FIRST_STARTS; i++) {
            emptySchema(service);
            firsts.add(start(root, service, env, logs, ServiceProcess.classDataSharing(root, service)));
            // Each start writes the service's log afresh: the last first start's is kept beside it, <module>.first-start.log.
            Path log = logs.resolve(service.module() + ".log");
            Files.copy(log, log.resolveSibling(log.getFileName().toString().replace(".log", ".first-start.log")),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        List<Start> restarts = new ArrayList<>();
        for (int i = 0; i < RESTARTS; i++) {
            restarts.add(start(root, service, env, logs, ServiceProcess.classDataSharing(root, service)));
        }
        return new Starts(Start.median(firsts), Start.median(restarts), firsts, trained(root, service, env, logs));
    }

    /**
     * The lever beside the build's archive, measured: a class-data archive made from a real start (the JDK's dynamic
     * archive, {@code -XX:ArchiveClassesAtExit}, written as the JVM exits). The module is started without its build's
     * archive, loaded with the same reads as every start here, and stopped; then restarted {@value #RESTARTS_DEFAULT}
     * times ({@code -Dstartup.restarts}) with that archive, and the median is reported. Quarkus's archive holds the
     * classes of its static initialization, about a third of those a start loads; this one those of the whole start
     * and of the first requests. A production image could only get one from such a training start against a database
     * and a broker (docs/operations.md, "Sizing").
     */
    private static Start trained(Path root, LianxinService service, Map<String, String> env, Path logs) throws Exception {
        Path archive = logs.resolve(service.module() + ".trained.jsa");
        Files.deleteIfExists(archive);
        ServiceProcess training = ServiceProcess.start(root, service.onPort(0), env, logs,
                List.of("-XX:ArchiveClassesAtExit=" + archive));
        try {
            training.awaitReady(Duration.ofSeconds(300));
            load(training.service().url() + readPath(service.module()));
        } finally {
            training.stop();
        }
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException(service.module() + " wrote no archive at its exit; its log: " + training.log());
        }
        List<Start> restarts = new ArrayList<>();
        try {
            for (int i = 0; i < RESTARTS; i++) {
                restarts.add(start(root, service, env, logs, List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto")));
            }
        } finally {
            Files.delete(archive); // some 90 MB
        }
        return Start.median(restarts);
    }

    /**
     * Drops the module's schema with everything in it and makes it again empty, as {@code deploy/postgres/lianxin-roles.sql}
     * makes it before a first installation: owned by the role its Flyway migrates as (the bare service's by case-service's).
     */
    private static void emptySchema(LianxinService service) throws Exception {
        boolean bare = service.module().equals(BARE.module());
        String schema = bare ? "bare_service" : DatabaseRoles.ALL.stream()
                .filter(r -> r.module().equals(service.module())).findFirst().orElseThrow().schema();
        try (Connection admin = LianxinTestResource.adminConnection(); Statement sql = admin.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            if (bare) {
                sql.execute("CREATE SCHEMA bare_service AUTHORIZATION lianxin_case_owner");
            } else {
                DatabaseRoles.bootstrap(admin);
            }
        }
    }

    /** One start, with {@code classData} as its class-data options (its build's archive, or one made from a real start). */
    private static Start start(Path root, LianxinService service, Map<String, String> env, Path logs, List<String> classData)
            throws Exception {
        long begin = System.nanoTime();
        ServiceProcess process = ServiceProcess.start(root, service.onPort(0), env, logs, classData);
        try {
            process.awaitReady(Duration.ofSeconds(300));
            double ready = (System.nanoTime() - begin) / 1e9;
            if (Files.readString(process.log()).contains("Unable to use shared archive")) {
                throw new IllegalStateException(service.module() + " did not map its class-data archive: " + process.log());
            }
            long pid = pidOf(root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar"));
            double cpu = cpuSeconds(pid);
            long rssReady = rssMb(pid);
            long loadBegin = System.nanoTime();
            load(process.service().url() + readPath(service.module()));
            double readsPerSecond = LOAD_REQUESTS / ((System.nanoTime() - loadBegin) / 1e9);
            long rssLoaded = rssMb(pid);
            return new Start(ready, cpu, quarkusStartedIn(process.log()), rssReady, rssLoaded, readsPerSecond);
        } finally {
            process.stop();
        }
    }

    /**
     * The framework's floor: a Quarkus application with the services' extensions, configured as platform configures
     * them, and none of the project's code (one entity, one migration, one read behind a token, one consumer, one
     * producer, one scheduled job). Started and loaded like a service, before them.
     */
    static final LianxinService BARE = new LianxinService("benchmarks/bare-service", 0);

    /** A read every service answers after a token check and one look-up by primary key (404 here: nothing is there). */
    private static String readPath(String module) {
        return switch (module) {
            case "member-service" -> "/api/v1/orgs/";
            case "benchmarks/bare-service" -> "/api/v1/notes/";
            default -> "/api/v1/projections/orgs/";
        };
    }

    private static void load(String url) throws Exception {
        String token = LianxinSystem.admin();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        ExecutorService clients = Executors.newFixedThreadPool(LOAD_CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < LOAD_CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    while (next.getAndIncrement() < LOAD_REQUESTS && failure.get() == null) {
                        HttpRequest get = HttpRequest.newBuilder(URI.create(url + UUID.randomUUID()))
                                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build();
                        HttpResponse<String> answer = http.send(get, HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() != 404 && answer.statusCode() != 200) {
                            failure.compareAndSet(null, url + " answered " + answer.statusCode() + ": " + answer.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    /** The service's JVM: the child of this JVM that runs its jar (ServiceProcess starts one at a time here). */
    private static long pidOf(Path jar) {
        return ProcessHandle.current().children()
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(jar.toString())).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no process runs " + jar)).pid();
    }

    /** VmRSS from /proc/&lt;pid&gt;/status, in MB (Linux). */
    private static long rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    /**
     * The CPU time the process has used (user and system, of all its threads: /proc/&lt;pid&gt;/stat), in seconds. On a
     * machine shared with other work it varies less than the wall time.
     */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // after "pid (comm) ": state is fields[0]
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
    }

    private static double quarkusStartedIn(Path log) throws IOException {
        Matcher m = STARTED_IN.matcher(Files.readString(log));
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** The baseline: seconds from the process's start until it says ready, and its RSS in MB then. */
    private static double[] idleJvm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long begin = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(ServiceProcess.serviceJvmOptions());
        command.addAll(List.of("-cp", Path.of("target/test-classes").toAbsolutePath().toString(), IdleJvm.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(ServiceProcess.MALLOC_ENVIRONMENT);
        Process idle = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(idle.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            while (line != null && isJvmNotice(line)) {
                line = out.readLine();
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            if (!"ready".equals(line)) {
                throw new IllegalStateException("the idle JVM said " + line);
            }
            return new double[] { seconds, rssMb(idle.pid()) };
        } finally {
            idle.getOutputStream().close();
            idle.destroy();
            idle.waitFor();
        }
    }

    /**
     * What the JVM itself may print before the program's first line: the launcher naming JAVA_TOOL_OPTIONS or
     * JDK_JAVA_OPTIONS when they are set, and its unified logging (a flight recording started for a profile, say).
     */
    private static boolean isJvmNotice(String line) {
        return line.startsWith("NOTE: Picked up ") || line.startsWith("Picked up ") || line.matches("\\[[0-9.]+s\\]\\[.*");
    }
}
