package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;

/**
 * Issue 12: a roster upload beyond its bounds (a zip bomb, too many rows, too large a body) is refused with 413
 * problem+json naming the reason, and the service keeps answering.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class RosterLimitsTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;

    @Test
    void aWorkbookWhoseSharedStringsInflateToOneGibibyteIsRefusedAndTheServiceStaysHealthy() throws IOException {
        UUID branch = fixtures.committeeWithBranch()[1];
        byte[] bomb = sharedStringsBomb(1L << 30);

        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, branch)).contentType(XLSX).body(bomb)
                .post("/api/v1/orgs/{id}/roster", branch).then()
                .statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("compressed beyond the allowed ratio"))
                .body("errors[0].field", equalTo("file"))
                .body("errors[0].message", containsString("xl/sharedStrings.xml"));

        stillServes(branch);
    }

    @Test
    void aSheetWithMoreRowsThanTheLimitIsRefused() {
        UUID branch = fixtures.committeeWithBranch()[1];
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 100_001; i++) {
            rows.add(new String[] { "名" + i });
        }
        byte[] file = RosterFiles.workbook(RosterFiles.HEADERS, rows);

        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, branch)).contentType(XLSX).body(file)
                .post("/api/v1/orgs/{id}/roster", branch).then()
                .statusCode(413).contentType("application/problem+json")
                .body("detail", equalTo("The roster has more than 100000 rows"))
                .body("errors[0].field", equalTo("file"));
        given().auth().oauth2(tokens.admin()).get("/api/v1/orgs/{id}/members", branch).then().body("total", equalTo(0));

        stillServes(branch);
    }

    @Test
    void aBodyLargerThanTheUploadLimitIsRefusedBeforeItIsRead() {
        UUID branch = fixtures.committeeWithBranch()[1];
        byte[] body = new byte[32 * 1024 * 1024 + 1];
        new Random(12).nextBytes(body);

        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, branch)).contentType(XLSX).body(body)
                .post("/api/v1/orgs/{id}/roster", branch).then()
                .statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("larger than 33554432 bytes"))
                .body("errors[0].field", equalTo("file"));

        stillServes(branch);
    }

    @Test
    void aPartWithOneHugeTextIsRefusedEvenWhenItCompressesWithinTheRatio() throws IOException {
        UUID branch = fixtures.committeeWithBranch()[1];
        byte[] text = new byte[2 * 1024 * 1024]; // incompressible letters: ratio about 0.6, but one 2 MB text
        Random random = new Random(7);
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) ('a' + random.nextInt(26));
        }
        byte[] file = workbook(out -> out.write(text));

        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, branch)).contentType(XLSX).body(file)
                .post("/api/v1/orgs/{id}/roster", branch).then()
                .statusCode(413).contentType("application/problem+json")
                .body("errors[0].message", containsString("holds a text longer than 1048576 bytes"));

        stillServes(branch);
    }

    /** Liveness answers and a real roster still imports. */
    private void stillServes(UUID branch) {
        given().get("/q/health/live").then().statusCode(200);
        byte[] roster = RosterFiles.workbook(RosterFiles.HEADERS, List.<String[]>of(RosterFiles.row("炸后" + Fixtures.suffix(), TestIds.fresh(), null)));
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, branch)).contentType(XLSX).body(roster)
                .post("/api/v1/orgs/{id}/roster", branch).then().statusCode(200).body("imported", equalTo(1));
    }

    /** A valid .xlsx whose only shared string is {@code size} bytes of one letter. */
    static byte[] sharedStringsBomb(long size) throws IOException {
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'A');
        return workbook(out -> {
            for (long written = 0; written < size; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
        });
    }

    interface Text {
        void writeTo(ZipOutputStream out) throws IOException;
    }

    /** A minimal valid workbook: one sheet whose cell A1 is shared string 0, written by {@code text}. */
    static byte[] workbook(Text text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
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
            entry(zip, "xl/worksheets/sheet1.xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
                    <sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>""");
            zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
            zip.write("""
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>"""
                    .getBytes(StandardCharsets.UTF_8));
            text.writeTo(zip);
            zip.write("</t></si></sst>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
