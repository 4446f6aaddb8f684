package cn.lianxin.member.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;

import cn.lianxin.member.config.RosterLimitsConfig;
import cn.lianxin.platform.problem.Problem.FieldError;
import cn.lianxin.platform.problem.ProblemException;

/**
 * Reads a roster upload within its bounds (a 1 MB file must not take the service down): the body is copied to a
 * temporary file in small chunks, up to {@code max-upload-size}; then every part of the zip, as the reader will see
 * it (central directory), is inflated into a 64 KB buffer and discarded, stopping at the first part that inflates past
 * {@code max-part-size}, below {@code min-inflate-ratio} or with a text run longer than {@code max-text-size}. Only a
 * file that passes is handed to the workbook reader, which reads it from disk. Neither the upload nor an inflated part
 * is ever held in memory.
 */
final class RosterUpload {

    /** A part may be this large before its ratio is judged (tiny parts compress badly or very well, harmlessly). */
    static final long RATIO_GRACE = 1 << 20;

    private RosterUpload() {
    }

    /**
     * Copies the upload to a new temporary file (the caller deletes it), or 413 once more than the limit has arrived
     * (never reading more than limit + one chunk); the file is deleted when refused.
     */
    static Path spool(InputStream body, RosterLimitsConfig limits) {
        long max = limits.maxUploadSize().asLongValue();
        Path file = null;
        try {
            file = Files.createTempFile("roster-", ".xlsx");
            long copied = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(file)) {
                int n;
                while ((n = body.read(buffer)) > 0) {
                    copied += n;
                    if (copied > max) {
                        throw tooLarge("The upload is larger than " + max + " bytes", "is larger than the " + max + "-byte limit");
                    }
                    out.write(buffer, 0, n);
                }
            }
            return file;
        } catch (IOException | RuntimeException e) {
            delete(file);
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw ProblemException.invalidField("file", "could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }

    /**
     * Inflates every part of the workbook, refusing it at the first bound it crosses. Answers the data rows of its
     * sheet (the {@code <row} elements of its only worksheet part but the header row, blank rows included), or null
     * when the workbook has several worksheets: the estimate a job's progress is measured against.
     */
    static Integer inspect(Path xlsx, RosterLimitsConfig limits) {
        long maxPart = limits.maxPartSize().asLongValue();
        long maxText = limits.maxTextSize().asLongValue();
        double minRatio = limits.minInflateRatio();
        byte[] buffer = new byte[64 * 1024];
        long doneInflated = 0; // of the parts already inspected: many small bombs add up to one
        long doneCompressed = 0;
        int worksheets = 0;
        long sheetRows = 0;
        try (ZipFile zip = ZipFile.builder().setPath(xlsx).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                boolean xml = isXml(entry.getName());
                boolean worksheet = isWorksheet(entry.getName());
                worksheets += worksheet ? 1 : 0;
                int matched = 0; // characters of "<row" matched so far
                long inflated = 0;
                long compressed = 0;
                long run = 0;
                try (InputStream in = zip.getInputStream(entry)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        inflated += n;
                        // a stored part (no statistics) is as large compressed as inflated
                        compressed = in instanceof InputStreamStatistics stats ? stats.getCompressedCount() : inflated;
                        if (inflated > maxPart) {
                            throw tooLarge("A part of the workbook inflates to more than " + maxPart + " bytes",
                                    "part " + entry.getName() + " inflates to more than " + maxPart + " bytes");
                        }
                        if (beyondRatio(compressed, inflated, minRatio)
                                || beyondRatio(doneCompressed + compressed, doneInflated + inflated, minRatio)) {
                            throw tooLarge("A part of the workbook is compressed beyond the allowed ratio (a zip bomb?)",
                                    "part " + entry.getName() + " inflates more than " + Math.round(1 / minRatio)
                                            + " times its compressed size");
                        }
                        if (xml) {
                            for (int i = 0; i < n; i++) {
                                if (worksheet) {
                                    if (matched == ROW_TAG.length) {
                                        sheetRows += buffer[i] == ' ' || buffer[i] == '>' || buffer[i] == '/' ? 1 : 0;
                                        matched = 0;
                                    }
                                    matched = buffer[i] == ROW_TAG[matched] ? matched + 1 : buffer[i] == '<' ? 1 : 0;
                                }
                                run = buffer[i] == '<' ? 0 : run + 1;
                                if (run > maxText) {
                                    throw tooLarge("A text of the workbook is longer than " + maxText + " bytes",
                                            "part " + entry.getName() + " holds a text longer than " + maxText + " bytes");
                                }
                            }
                        }
                    }
                }
                doneInflated += inflated;
                doneCompressed += compressed;
            }
            return worksheets == 1 ? (int) Math.max(0, sheetRows - 1) : null;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw ProblemException.invalidField("file", "is not a readable .xlsx workbook (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Judged only past {@link #RATIO_GRACE}: small parts compress badly or very well, harmlessly. */
    private static boolean beyondRatio(long compressed, long inflated, double minRatio) {
        return inflated > RATIO_GRACE && (double) compressed / inflated < minRatio;
    }

    static ProblemException tooManyRows(int max) {
        return tooLarge("The roster has more than " + max + " rows", "has more than " + max + " rows");
    }

    private static final byte[] ROW_TAG = { '<', 'r', 'o', 'w' };

    private static boolean isWorksheet(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("xl/worksheets/") && lower.endsWith(".xml") && lower.indexOf('/', "xl/worksheets/".length()) < 0;
    }

    private static boolean isXml(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".xml") || lower.endsWith(".rels") || lower.endsWith(".vml");
    }

    private static ProblemException tooLarge(String detail, String message) {
        return new ProblemException(413, "Content Too Large", detail, List.of(new FieldError("file", message)));
    }
}
