package cn.lianxin.member.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.MemorySize;

import cn.lianxin.member.BombFiles;
import cn.lianxin.member.RosterFiles;
import cn.lianxin.member.config.RosterLimitsConfig;
import cn.lianxin.platform.problem.ProblemException;

/** The bounds of a roster upload, with small limits: each is found while streaming, whatever the file holds next. */
class RosterUploadTest {

    private static final long MB = 1 << 20;

    private static RosterLimitsConfig limits(long upload, long part, double ratio, long text) {
        return new RosterLimitsConfig() {
            @Override public MemorySize maxUploadSize() { return new MemorySize(BigInteger.valueOf(upload)); }
            @Override public MemorySize maxPartSize() { return new MemorySize(BigInteger.valueOf(part)); }
            @Override public double minInflateRatio() { return ratio; }
            @Override public MemorySize maxTextSize() { return new MemorySize(BigInteger.valueOf(text)); }
            @Override public int maxRows() { return 100; }
            @Override public int maxConcurrentImports() { return 1; }
            @Override public Duration importSlotWait() { return Duration.ZERO; }
            @Override public Duration jobHeartbeat() { return Duration.ofSeconds(2); }
            @Override public Duration jobAbandonedAfter() { return Duration.ofMinutes(1); }
        };
    }

    private static final RosterLimitsConfig DEFAULTS = limits(32 * MB, 128 * MB, 0.01, MB);

    @Test
    void aRealRosterPassesEveryBoundAndItsRowsAreCounted() throws IOException {
        byte[] roster = RosterFiles.workbook(RosterFiles.HEADERS, List.<String[]>of(RosterFiles.row("张三", "11010519491231002X", null),
                RosterFiles.row("李四", "110105194912310038", null), RosterFiles.row("王五", "110105194912310046", null)));
        Path file = RosterUpload.spool(new ByteArrayInputStream(roster), DEFAULTS);
        try {
            assertThat(Files.size(file)).isEqualTo(roster.length);
            assertThat(RosterUpload.inspect(file, DEFAULTS)).as("data rows of the only worksheet").isEqualTo(3);
        } finally {
            RosterUpload.delete(file);
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void anUploadBeyondItsLimitIsRefusedAfterReadingNoMoreThanTheLimitAndOneChunk() {
        CountingStream endless = new CountingStream();

        assertThatThrownBy(() -> RosterUpload.spool(endless, limits(MB, MB, 0.01, MB)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(413))
                .hasMessageContaining("larger than 1048576 bytes");
        assertThat(endless.read).isLessThanOrEqualTo(MB + 64 * 1024);
    }

    @Test
    void aPartInflatingBeyondItsLimitIsRefusedEvenWithinTheRatio() {
        Path file = BombFiles.oneLongText((int) (3 * MB)); // random letters: ratio about 0.6
        assertRefused(file, limits(32 * MB, 2 * MB, 0.01, 8 * MB), "part xl/sharedStrings.xml inflates to more than 2097152 bytes");
    }

    @Test
    void aPartBeyondTheRatioIsRefusedAfterItsFirstMegabyte() {
        Path file = BombFiles.sharedStringsBomb(64 * MB);
        assertRefused(file, DEFAULTS, "part xl/sharedStrings.xml inflates more than 100 times its compressed size");
    }

    @Test
    void manySmallPartsEachWithinTheGraceAddUpToOneBomb() {
        byte[] megabyte = new byte[(int) MB];
        Arrays.fill(megabyte, (byte) 'A');
        Path parts = manyParts(40, megabyte); // each part exactly the grace: never judged alone

        assertRefused(parts, limits(32 * MB, 128 * MB, 0.01, 2 * MB), "inflates more than 100 times its compressed size");
    }

    @Test
    void aTextRunLongerThanTheLimitIsRefused() {
        Path file = BombFiles.oneLongText((int) (2 * MB));
        assertRefused(file, DEFAULTS, "part xl/sharedStrings.xml holds a text longer than 1048576 bytes");
    }

    @Test
    void aFileThatIsNotAZipIsABadRequestNamingTheFile() throws IOException {
        Path file = Files.createTempFile("not-a-roster-", ".xlsx");
        Files.writeString(file, "姓名,身份证号\n", StandardCharsets.UTF_8);
        try {
            assertThatThrownBy(() -> RosterUpload.inspect(file, DEFAULTS))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400))
                    .hasMessageContaining("file: is not a readable .xlsx workbook");
        } finally {
            Files.delete(file);
        }
    }

    private static void assertRefused(Path file, RosterLimitsConfig limits, String message) {
        assertThatThrownBy(() -> RosterUpload.inspect(file, limits))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.toProblem().errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("file");
                        assertThat(error.message()).contains(message);
                    });
                });
    }

    /** A zip of {@code count} parts of the same megabyte: each within the grace, together a bomb. */
    private static Path manyParts(int count, byte[] megabyte) {
        try {
            Path file = Files.createTempFile("parts-", ".zip");
            file.toFile().deleteOnExit();
            try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
                for (int i = 0; i < count; i++) {
                    zip.putNextEntry(new java.util.zip.ZipEntry("xl/media/part" + i + ".bin"));
                    zip.write(megabyte);
                    zip.closeEntry();
                }
            }
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An endless body that counts what was read from it. */
    private static final class CountingStream extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Arrays.fill(b, off, off + len, (byte) 'x');
            read += len;
            return len;
        }
    }
}
