package cn.lianxin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** What a downloaded spreadsheet (.xlsx) says, for tests that check a report's cells without a spreadsheet library. */
public final class Workbooks {

    private static final Pattern CHARACTER_REFERENCE = Pattern.compile("&#x([0-9a-fA-F]+);");

    private Workbooks() {
    }

    /**
     * Every part of the workbook as text, its character references decoded (text in a workbook is XML that may
     * escape 失 as {@code &#x5931;}). Read with {@link ZipFile}: a streamed workbook's entries have data descriptors.
     */
    public static String text(byte[] xlsx) {
        try {
            Path file = Files.createTempFile("workbook", ".xlsx");
            try {
                Files.write(file, xlsx);
                StringBuilder text = new StringBuilder();
                try (ZipFile zip = new ZipFile(file.toFile())) {
                    for (ZipEntry entry : Collections.list(zip.entries())) {
                        text.append(new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
                return CHARACTER_REFERENCE.matcher(text)
                        .replaceAll(m -> new String(Character.toChars(Integer.parseInt(m.group(1), 16))));
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not a readable workbook", e);
        }
    }
}
