package cn.lianxin.member;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Hostile roster files, written by streaming to a temporary file (deleted on exit): whatever they inflate to, the
 * test never holds more than a 1 MB chunk of it (surefire's heap is shared with the app and the broker).
 */
public final class BombFiles {

    private BombFiles() {
    }

    /** Writes the text of shared string 0 (or rows of the sheet) into the open zip entry. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A valid .xlsx whose only shared string is {@code size} bytes of one letter: about 1 MB per GiB compressed. */
    public static Path sharedStringsBomb(long size) {
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'A');
        return workbook(out -> {
            for (long written = 0; written < size; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
        }, out -> out.write("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>".getBytes(StandardCharsets.UTF_8)));
    }

    /** A valid .xlsx whose shared string 0 is {@code size} random lowercase letters (compresses to about 0.6). */
    public static Path oneLongText(int size) {
        Random random = new Random(7);
        byte[] chunk = new byte[64 * 1024];
        return workbook(out -> {
            for (int written = 0; written < size; written += chunk.length) {
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = (byte) ('a' + random.nextInt(26));
                }
                out.write(chunk, 0, Math.min(chunk.length, size - written));
            }
        }, out -> out.write("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>".getBytes(StandardCharsets.UTF_8)));
    }

    /** A roster with the header row and {@code rows} data rows holding a name only (inline strings, streamed). */
    public static Path rows(List<String> headers, int rows) {
        return workbook(out -> out.write("x".getBytes(StandardCharsets.UTF_8)), out -> {
            StringBuilder header = new StringBuilder("<row r=\"1\">");
            for (int c = 0; c < headers.size(); c++) {
                header.append(inline(column(c) + 1, headers.get(c)));
            }
            out.write(header.append("</row>").toString().getBytes(StandardCharsets.UTF_8));
            for (int r = 2; r <= rows + 1; r++) {
                out.write(("<row r=\"" + r + "\">" + inline("A" + r, "名" + r) + "</row>").getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    /** Random bytes: {@code size} of them, incompressible, not a zip at all. */
    public static Path noise(long size) {
        Random random = new Random(12);
        byte[] chunk = new byte[1 << 20];
        return file(out -> {
            for (long written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
        });
    }

    /** A minimal valid workbook: {@code sharedString} is the text of shared string 0, {@code sheetRows} the rows. */
    public static Path workbook(Content sharedString, Content sheetRows) {
        return file(raw -> {
            try (ZipOutputStream zip = new ZipOutputStream(raw)) {
                entry(zip, "[Content_Types].xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                        <Default Extension="xml" ContentType="application/xml"/>
                        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                        <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
                        </Types>""");
                entry(zip, "_rels/.rels", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                        </Relationships>""");
                entry(zip, "xl/workbook.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                        <sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>""");
                entry(zip, "xl/_rels/workbook.xml.rels", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
                        </Relationships>""");
                zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
                zip.write("""
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"""
                        .getBytes(StandardCharsets.UTF_8));
                sheetRows.writeTo(zip);
                zip.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
                zip.write("""
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>"""
                        .getBytes(StandardCharsets.UTF_8));
                sharedString.writeTo(zip);
                zip.write("</t></si></sst>".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        });
    }

    private static Path file(Content content) {
        try {
            Path file = Files.createTempFile("roster-test-", ".xlsx");
            file.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file)) {
                content.writeTo(out);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String inline(String ref, String text) {
        return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
    }

    private static String column(int index) {
        StringBuilder name = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            name.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return name.toString();
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
