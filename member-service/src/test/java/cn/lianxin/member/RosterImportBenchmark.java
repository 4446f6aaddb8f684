package cn.lianxin.member;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.testing.LianxinTestResource;

/**
 * Imports a generated 100k-row roster (花名册) through the API and prints the time and the heap the test JVM
 * (-Xmx1g, service in-process) needed. Run: {@code ./mvnw verify -Pbenchmarks -pl member-service}.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class RosterImportBenchmark {

    private static final int ROWS = Integer.getInteger("roster.rows", 100_000);

    private final Fixtures fixtures = new Fixtures();

    @Test
    void imports100kRows() throws IOException {
        UUID branch = fixtures.committeeWithBranch()[1];
        Path file = Files.createTempFile("roster-", ".xlsx");
        long generating = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(file)) {
            RosterFiles.write(out, RosterFiles.HEADERS, () -> rows(ROWS));
        }
        System.out.printf("%nGenerated %,d rows: %,d bytes in %.1f s%n", ROWS, Files.size(file), (System.nanoTime() - generating) / 1e9);

        System.gc();
        long heapBefore = usedHeap();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        String report = given().auth().oauth2(fixtures.tokens.admin())
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .body(file.toFile()).post("/api/v1/orgs/{id}/roster", branch)
                .then().statusCode(200).extract().asString();
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("Roster import of %,d rows: %.1f s (%,.0f rows/s)%n", ROWS, seconds, ROWS / seconds);
        System.out.printf("Heap: %,d MB before, peak %,d MB during (sum of pool peaks), max %,d MB%n", heapBefore >> 20,
                peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("Report: " + report.substring(0, Math.min(report.length(), 200)));
        Files.delete(file);
    }

    private static long usedHeap() {
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    /** Valid, distinct rows generated on the fly (never all in memory). */
    private static Iterator<String[]> rows(int count) {
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < count;
            }

            @Override
            public String[] next() {
                i++;
                return RosterFiles.row("党员" + i, TestIds.bornOn(LocalDate.of(1960, 1, 1).plusDays(i % 15_000)), null);
            }
        };
    }
}
