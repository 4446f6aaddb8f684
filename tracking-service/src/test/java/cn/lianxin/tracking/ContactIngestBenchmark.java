package cn.lianxin.tracking;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.BenchmarkReport;
import cn.lianxin.testing.CpuTime;
import cn.lianxin.testing.LianxinTestResource;

/**
 * Issue 14, P2: contact ingest over REST. {@value #CLIENTS} concurrent clients POST a fixed number of contacts to
 * {@code /api/v1/contacts} as their branch's secretary (token check, validation, the member's clocks, the outbox and
 * its relay to the broker, all as in production), then, in the same JVM and run, the same bodies to a plain endpoint
 * that does one INSERT ({@link PlainContactResource}, present only in this test profile). Prints requests/s and the
 * p50/p99 latency of both and their ratios; asserts no timing (every answer must be 201, or it fails). Run:
 * {@code ./mvnw verify -Pbenchmarks -pl tracking-service -Dtest=ContactIngestBenchmark} ({@code -Dcontact.requests=N},
 * {@code -Dcontact.rounds=R}).
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
@TestProfile(ContactIngestBenchmark.WithPlainEndpoint.class)
class ContactIngestBenchmark {

    static final int CLIENTS = 8;
    static final int REQUESTS = Integer.getInteger("contact.requests", 20_000);
    /**
     * Each round drives the four endpoints; only the last round is reported. In the first, the JIT compilers were
     * measured taking a quarter of the 2 cores (their threads' CPU time, /proc) and the endpoint driven first paid most
     * of it: the rounds after it compare the endpoints in the steady state a service reaches.
     */
    static final int ROUNDS = Integer.getInteger("contact.rounds", 2);
    /**
     * The reported round is driven in this many slices of {@code REQUESTS / SLICES} requests an endpoint, the four
     * endpoints taking turns and each slice starting with the next one. The machines' speed drifts within minutes (an
     * endpoint driven alone for 20 s was measured 0.67× and 0.97× its floor in two runs 40 minutes apart): interleaved,
     * every endpoint meets the same drift, and the spread of the slices' ratios says how far a ratio can be trusted.
     */
    static final int SLICES = Integer.getInteger("contact.slices", 5);
    /** Contacts are spread over this many members (a branch's day of phone calls), so that clients rarely wait on one row. */
    static final int MEMBERS = 64;
    static final String BENCHMARK = "tracking ContactIngestBenchmark";

    public static class WithPlainEndpoint implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(PlainContactResource.SWITCH, "true", "quarkus.log.category.\"cn.lianxin\".level", "WARN");
        }
    }

    /** An endpoint the benchmark drives, and the token its requests carry (null: none). */
    record Endpoint(String name, URI uri, String token) {
    }

    /** Latencies in µs, sorted, the wall time of a run and the CPU time it took per request ({@link CpuTime}). */
    record Run(long[] micros, double seconds, double[] cpuMillis) {

        /** The slices of one endpoint as one run: every latency, the time they took together, their mean CPU. */
        static Run of(List<Run> slices) {
            long[] micros = slices.stream().flatMapToLong(r -> Arrays.stream(r.micros())).sorted().toArray();
            double[] cpu = new double[2];
            for (Run slice : slices) {
                for (int i = 0; i < cpu.length; i++) {
                    cpu[i] += slice.cpuMillis()[i] * slice.micros().length / micros.length;
                }
            }
            return new Run(micros, slices.stream().mapToDouble(Run::seconds).sum(), cpu);
        }

        double perSecond() {
            return micros.length / seconds;
        }

        double percentileMillis(double p) {
            return micros[(int) Math.ceil(p * micros.length) - 1] / 1000.0;
        }
    }

    @Inject
    World world;

    /** The test database, whose PostgreSQL backends' CPU time counts ({@link CpuTime}). */
    String database;

    @TestHTTPResource("/api/v1/contacts")
    URI contacts;

    @TestHTTPResource("/bench/plain-contacts")
    URI plain;

    @TestHTTPResource("/bench/plain-contacts/rows")
    URI writeFloor;

    @TestHTTPResource("/bench/plain-contacts/rows/authenticated")
    URI authenticatedWriteFloor;

    @Test
    void ingestsContactsOverRestAgainstAPlainInsertEndpoint() throws Exception {
        createPlainTable();
        try (Connection c = LianxinTestResource.adminConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT current_database()")) {
            r.next();
            database = r.getString(1);
        }
        UUID branch = world.branch(world.committee(), "基准支部");
        Instant registered = Instant.now().minus(60, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        UUID[] members = new UUID[MEMBERS];
        for (int i = 0; i < MEMBERS; i++) {
            members[i] = world.register(branch, shanghai(registered));
        }
        String token = world.tokens.forRole(Roles.SECRETARY, branch);
        Instant first = registered.plus(1, ChronoUnit.DAYS);
        // every contact a fact of its own: a member's contacts one second apart, in the past, after the registration
        AtomicInteger sequence = new AtomicInteger();
        IntFunction<String> body = i -> {
            int n = sequence.getAndIncrement();
            return """
                    {"memberId": "%s", "at": "%s", "channel": "PHONE", "outcome": "REACHED"}"""
                    .formatted(members[n % MEMBERS], shanghai(first.plusSeconds(n)));
        };

        int warmUp = Math.max(200, REQUESTS / 10);
        drive(contacts, token, warmUp, body);
        drive(plain, null, warmUp, body);
        drive(writeFloor, null, warmUp, body);
        drive(authenticatedWriteFloor, token, warmUp, body);
        List<Endpoint> endpoints = List.of(new Endpoint("POST /api/v1/contacts", contacts, token),
                new Endpoint("plain endpoint", plain, null), new Endpoint("write floor", writeFloor, null),
                new Endpoint("write floor behind the token check", authenticatedWriteFloor, token));
        for (int round = 1; round < ROUNDS; round++) {
            System.out.printf("%nround %d of %d (not reported: the JIT compilers still busy):%n", round, ROUNDS);
            for (Endpoint endpoint : endpoints) {
                print(endpoint.name(), drive(endpoint.uri(), endpoint.token(), REQUESTS, body));
            }
        }
        List<List<Run>> slices = new ArrayList<>();
        endpoints.forEach(endpoint -> slices.add(new ArrayList<>()));
        for (int slice = 0; slice < SLICES; slice++) {
            for (int turn = 0; turn < endpoints.size(); turn++) {
                int e = (slice + turn) % endpoints.size();
                Endpoint endpoint = endpoints.get(e);
                slices.get(e).add(drive(endpoint.uri(), endpoint.token(), Math.max(1, REQUESTS / SLICES), body));
            }
        }
        Run project = Run.of(slices.get(0));
        Run baseline = Run.of(slices.get(1));
        Run floor = Run.of(slices.get(2));
        Run authenticatedFloor = Run.of(slices.get(3));

        System.out.printf("%n=== ContactIngestBenchmark: %,d requests by %d clients (after %,d each to warm up; round %d of %d,"
                + " in %d interleaved slices) ===%n", project.micros().length, CLIENTS, warmUp, ROUNDS, ROUNDS, SLICES);
        print("POST /api/v1/contacts (auth, validation, clocks, outbox)", project);
        print("plain endpoint, one INSERT (same JVM, same body)", baseline);
        print("write floor: the contact's rows by 4 bare statements, its event relayed", floor);
        print("the same write floor behind the token check", authenticatedFloor);
        System.out.printf("ratio project/plain: %.2f× requests/s, %.1f× p50, %.1f× p99%n", project.perSecond() / baseline.perSecond(),
                project.percentileMillis(0.5) / baseline.percentileMillis(0.5),
                project.percentileMillis(0.99) / baseline.percentileMillis(0.99));
        System.out.printf("ratio project/write floor: %.2f× requests/s, %.1f× p99; write floor/plain: %.2f× requests/s%n",
                project.perSecond() / floor.perSecond(), project.percentileMillis(0.99) / floor.percentileMillis(0.99),
                floor.perSecond() / baseline.perSecond());
        System.out.printf("ratio project/authenticated write floor: %.2f× requests/s; authenticated floor/plain: %.2f×%n",
                project.perSecond() / authenticatedFloor.perSecond(), authenticatedFloor.perSecond() / baseline.perSecond());
        System.out.printf("the %d slices' ratios (median, lowest–highest): project/plain %s, project/authenticated floor %s,"
                + " authenticated floor/plain %s%n", SLICES, spread(slices.get(0), slices.get(1)),
                spread(slices.get(0), slices.get(3)), spread(slices.get(3), slices.get(1)));
        System.out.printf("ratio by CPU a request (JVM + PostgreSQL; plain/project, as requests/s would be on an idle"
                + " machine): project/plain %.2f×, project/write floor %.2f×, project/authenticated floor %.2f×%n",
                cpu(baseline) / cpu(project), cpu(floor) / cpu(project), cpu(authenticatedFloor) / cpu(project));

        String metric = "P2 POST /api/v1/contacts, %d clients, %,d requests".formatted(CLIENTS, project.micros().length);
        String plainOne = "plain endpoint, one INSERT";
        BenchmarkReport.figure(BENCHMARK, metric, project.perSecond(), "req/s", plainOne, baseline.perSecond(), ">= 0.6x");
        BenchmarkReport.figure(BENCHMARK, metric + ", p50", project.percentileMillis(0.5), "ms", plainOne,
                baseline.percentileMillis(0.5), "-");
        BenchmarkReport.figure(BENCHMARK, metric + ", p99", project.percentileMillis(0.99), "ms", plainOne,
                baseline.percentileMillis(0.99), "< 50 ms");
        // At 8 closed-loop clients a p99 follows the rate (a request waits behind the others): the floor's own p99
        // says whether this machine allows 50 ms to an endpoint that must check the token and write these rows.
        BenchmarkReport.figure(BENCHMARK, metric + ", p99 against its write floor's behind the token check",
                project.percentileMillis(0.99), "ms", "write floor behind the token check, p99",
                authenticatedFloor.percentileMillis(0.99), "< 50 ms");
        String rows = "write floor: the same rows by 4 bare statements, relayed";
        BenchmarkReport.figure(BENCHMARK, metric + " against its write floor", project.perSecond(), "req/s", rows,
                floor.perSecond(), "-");
        BenchmarkReport.figure(BENCHMARK, "P2 write floor against the plain endpoint", floor.perSecond(), "req/s",
                plainOne, baseline.perSecond(), "-");
        BenchmarkReport.figure(BENCHMARK, metric + " against its write floor behind the token check",
                project.perSecond(), "req/s", rows + ", token checked", authenticatedFloor.perSecond(), "-");
        BenchmarkReport.figure(BENCHMARK, metric + ", CPU a request (JVM + PostgreSQL)", cpu(project), "ms",
                plainOne + ", CPU a request", cpu(baseline), ">= 0.6x as a rate: <= 1.67x");
        BenchmarkReport.figure(BENCHMARK, metric + ", CPU a request against its write floor's", cpu(project), "ms",
                rows + ", CPU a request", cpu(floor), "-");
        try (Connection c = LianxinTestResource.adminConnection()) {
            BenchmarkReport.settings(c);
        }
    }

    /**
     * An instant as RFC 3339 in Shanghai time, seconds always written ({@code OffsetDateTime.toString()} leaves out
     * zero seconds, which the event contracts refuse).
     */
    private static String shanghai(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.ofHours(8)));
    }

    private static void print(String what, Run run) {
        System.out.printf("%-60s %,8.0f req/s   p50 %6.1f ms   p99 %6.1f ms   (%.1f s)   CPU a request: JVM %.2f ms,"
                + " PostgreSQL %.2f ms%n", what, run.perSecond(), run.percentileMillis(0.5), run.percentileMillis(0.99),
                run.seconds(), run.cpuMillis()[0], run.cpuMillis()[1]);
    }

    /**
     * Requests/s of each slice of {@code runs} over its slice of {@code baselines}: the median (of an even number, the
     * upper of the middle two), lowest–highest.
     */
    private static String spread(List<Run> runs, List<Run> baselines) {
        double[] ratios = new double[runs.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = runs.get(i).perSecond() / baselines.get(i).perSecond();
        }
        Arrays.sort(ratios);
        return "%.2f× (%.2f–%.2f×)".formatted(ratios[ratios.length / 2], ratios[0], ratios[ratios.length - 1]);
    }

    /** CPU a request costs, the JVM's and its database backends' together (other work on the machine left out). */
    private static double cpu(Run run) {
        return run.cpuMillis()[0] + Math.max(0, run.cpuMillis()[1]);
    }

    /** {@code requests} POSTs by {@link #CLIENTS} clients, each with its own connection; every answer must be 201. */
    private Run drive(URI uri, String token, int requests, IntFunction<String> body) throws Exception {
        long[] micros = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        CpuTime cpu = CpuTime.now(database);
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(10)).build();
                    for (int i = next.getAndIncrement(); i < requests && failure.get() == null; i = next.getAndIncrement()) {
                        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body.apply(i)));
                        if (token != null) {
                            request.header("Authorization", "Bearer " + token);
                        }
                        long sent = System.nanoTime();
                        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                        micros[i] = (System.nanoTime() - sent) / 1_000;
                        if (response.statusCode() != 201) {
                            failure.compareAndSet(null, uri + " answered " + response.statusCode() + ": " + response.body());
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
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        Arrays.sort(micros);
        return new Run(micros, seconds, CpuTime.now(database).millisPerRequest(cpu, requests));
    }

    /** The plain endpoint's table, made by the administrator and granted to the service's role like its own tables. */
    private static void createPlainTable() throws Exception {
        String schema = ConfigProvider.getConfig().getValue("lianxin.schema", String.class);
        String role = ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
        try (Connection c = LianxinTestResource.adminConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + schema + "." + PlainContactResource.TABLE
                    + " (id uuid PRIMARY KEY, member_id uuid NOT NULL, at timestamptz NOT NULL, channel text NOT NULL,"
                    + " outcome text NOT NULL)");
            s.execute("GRANT SELECT, INSERT ON " + schema + "." + PlainContactResource.TABLE + " TO " + role);
        }
    }
}
