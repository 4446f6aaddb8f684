package cn.lianxin.member.service;

import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import cn.lianxin.member.config.RosterLimitsConfig;
import cn.lianxin.platform.problem.Problem.FieldError;
import cn.lianxin.platform.problem.ProblemException;

/**
 * Reads a roster upload within its bounds (domain of issue 12: a 1 MB file must not take the service down): the body
 * is read up to {@code max-upload-size}, then every part of the zip, as the reader will see it (central directory),
 * is inflated into a small buffer and discarded, stopping at the first part that inflates past
 * {@code max-part-size}, below {@code min-inflate-ratio} or with a text run longer than {@code max-text-size}. Only a
 * file that passes is handed to the workbook reader. Nothing but the upload itself is ever held in memory.
 */
final class RosterUpload {

    /** A part may be this large before its ratio is judged (tiny parts compress badly or very well, harmlessly). */
    static final long RATIO_GRACE = 1 << 20;

    private RosterUpload() {
    }

    /** The upload's bytes, or 413 when it is larger than the limit (never reading more than limit + 1 bytes). */
    static byte[] read(InputStream body, RosterLimitsConfig limits) {
        long max = limits.maxUploadSize().asLongValue();
        try {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw tooLarge("The upload is larger than " + max + " bytes", "is larger than the " + max + "-byte limit");
            }
            return bytes;
        } catch (IOException e) {
            throw ProblemException.invalidField("file", "could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Inflates every part of the workbook, refusing it at the first bound it crosses. */
    static void inspect(byte[] xlsx, RosterLimitsConfig limits) {
        long maxPart = limits.maxPartSize().asLongValue();
        long maxText = limits.maxTextSize().asLongValue();
        double minRatio = limits.minInflateRatio();
        byte[] buffer = new byte[64 * 1024];
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(xlsx)).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                boolean xml = isXml(entry.getName());
                long inflated = 0;
                long run = 0;
                try (InputStream in = zip.getInputStream(entry)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        inflated += n;
                        if (inflated > maxPart) {
                            throw tooLarge("A part of the workbook inflates to more than " + maxPart + " bytes",
                                    "part " + entry.getName() + " inflates to more than " + maxPart + " bytes");
                        }
                        if (inflated > RATIO_GRACE && in instanceof InputStreamStatistics stats
                                && (double) stats.getCompressedCount() / inflated < minRatio) {
                            throw tooLarge("A part of the workbook is compressed beyond the allowed ratio (a zip bomb?)",
                                    "part " + entry.getName() + " inflates more than " + Math.round(1 / minRatio)
                                            + " times its compressed size");
                        }
                        if (xml) {
                            for (int i = 0; i < n; i++) {
                                run = buffer[i] == '<' ? 0 : run + 1;
                                if (run > maxText) {
                                    throw tooLarge("A text of the workbook is longer than " + maxText + " bytes",
                                            "part " + entry.getName() + " holds a text longer than " + maxText + " bytes");
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw ProblemException.invalidField("file", "is not a readable .xlsx workbook (" + e.getClass().getSimpleName() + ")");
        }
    }

    static ProblemException tooManyRows(int max) {
        return tooLarge("The roster has more than " + max + " rows", "has more than " + max + " rows");
    }

    private static boolean isXml(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".xml") || lower.endsWith(".rels") || lower.endsWith(".vml");
    }

    private static ProblemException tooLarge(String detail, String message) {
        return new ProblemException(413, "Content Too Large", detail, List.of(new FieldError("file", message)));
    }
}
