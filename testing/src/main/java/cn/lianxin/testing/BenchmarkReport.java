package cn.lianxin.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The figures of the {@code *Benchmark} classes, one tab-separated line each, appended to the file named by the system
 * property {@value #FILE_PROPERTY} (benchmarks/run sets it; {@code target/benchmark-report.tsv} of the module
 * otherwise), so that one command can print every benchmark's figure beside its baseline (benchmarks/README.md).
 * A {@code figure} line is {@code figure, benchmark, metric, figure, unit, baseline, baseline figure, ratio, target};
 * the ratio is always figure ÷ baseline figure in the line's unit (a time: lower is better; a rate: higher is
 * better), the target says which. A {@code setting} line is {@code setting, name, value}: the PostgreSQL the
 * figures were measured on. The benchmarks keep printing their own console output besides.
 */
public final class BenchmarkReport {

    public static final String FILE_PROPERTY = "benchmark.report";

    /** PostgreSQL's settings the figures depend on (benchmarks/README.md), and the server's version. */
    private static final String SETTINGS = """
            SELECT name, current_setting(name) FROM pg_settings
            WHERE name IN ('shared_buffers', 'work_mem', 'maintenance_work_mem', 'max_wal_size', 'synchronous_commit',
                           'effective_cache_size', 'server_version')
            ORDER BY name""";

    private BenchmarkReport() {
    }

    /**
     * A figure of the project beside the baseline measured in the same run. {@code target}: issue 14's target for
     * the ratio (e.g. "≥ 0.3"), or what the issue leaves open.
     */
    public static void figure(String benchmark, String metric, double figure, String unit, String baseline,
            double baselineFigure, String target) {
        double ratio = baselineFigure == 0 ? Double.NaN : figure / baselineFigure;
        append(String.join("\t", "figure", benchmark, metric, number(figure), unit, baseline, number(baselineFigure),
                Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio), target));
    }

    /** A figure with no baseline of its own (a rate, a size): printed with "-" in the baseline and ratio columns. */
    public static void figure(String benchmark, String metric, double figure, String unit, String target) {
        append(String.join("\t", "figure", benchmark, metric, number(figure), unit, "-", "-", "-", target));
    }

    /** Records the server's version and the settings in force, as the server shows them (e.g. 128MB). */
    public static void settings(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(SETTINGS)) {
            while (r.next()) {
                append(String.join("\t", "setting", r.getString(1), r.getString(2)));
            }
        }
    }

    /** The file this JVM appends to. */
    public static Path file() {
        return Path.of(System.getProperty(FILE_PROPERTY, "target/benchmark-report.tsv"));
    }

    private static String number(double value) {
        // whole numbers from 100 up: more digits would be noise on a shared machine
        return Math.abs(value) >= 100 || value == Math.rint(value) ? Long.toString(Math.round(value))
                : String.format(Locale.ROOT, "%.2f", value);
    }

    private static synchronized void append(String line) {
        Path file = file().toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line.replace('\n', ' ') + "\n", UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to the benchmark report " + file, e);
        }
    }
}
