package cn.lianxin.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time spent so far by this JVM (every thread: the service, the broker, the benchmark's clients, the JIT) and by
 * the PostgreSQL backends serving one database (read from {@code /proc}: Linux only, {@code -1} elsewhere). Taken
 * before and after a benchmark's run, it gives the CPU a request costs, which other work on a shared machine changes
 * far less than it changes requests per second.
 */
public record CpuTime(long jvmNanos, long postgresNanos) {

    /** Clock ticks per second of {@code /proc/<pid>/stat} ({@code getconf CLK_TCK}: 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;

    /** @param database the database whose backends count (their process titles name it) */
    public static CpuTime now(String database) {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return new CpuTime(jvm, postgres(" " + database + " "));
    }

    /** What was spent between {@code earlier} and this, per {@code requests}, in milliseconds: JVM, PostgreSQL. */
    public double[] millisPerRequest(CpuTime earlier, int requests) {
        return new double[] { (jvmNanos - earlier.jvmNanos) / 1e6 / requests,
                postgresNanos < 0 ? -1 : (postgresNanos - earlier.postgresNanos) / 1e6 / requests };
    }

    private static long postgres(String database) {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return -1;
        }
        long ticks = 0;
        try (Stream<Path> processes = Files.list(proc)) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                ticks += backendTicks(process, database);
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }

    private static long backendTicks(Path process, String database) {
        if (!process.getFileName().toString().chars().allMatch(Character::isDigit)) {
            return 0;
        }
        try {
            String title = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
            if (!title.startsWith("postgres:") || !title.contains(database)) {
                return 0;
            }
            String stat = Files.readString(process.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        } catch (IOException | RuntimeException gone) { // a backend that ended meanwhile
            return 0;
        }
    }
}
