package cn.lianxin.member;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

import cn.lianxin.member.service.RosterColumn;

/** Builds roster workbooks in the documented layout. */
public final class RosterFiles {

    public static final List<String> HEADERS = java.util.Arrays.stream(RosterColumn.values()).map(c -> c.header).toList();

    private RosterFiles() {
    }

    /** One roster row in column order of {@link RosterColumn}. */
    public static String[] row(String name, String idNumber, String branch) {
        return new String[] { name, idNumber, "男", "汉族", null, "大专", "工人", "13712345678", "wx_" + name, null, null,
                "户籍地址", "居住地址", "某公司", branch, "正式党员", "2010-07-01", "2011-07-01", "李某 王某", "王芳", "配偶",
                "13698765432" };
    }

    public static byte[] workbook(List<String> headers, List<String[]> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, headers, rows);
        return out.toByteArray();
    }

    public static void write(OutputStream out, List<String> headers, Iterable<String[]> rows) {
        try {
            Workbook workbook = new Workbook(out, "test", "1.0");
            Worksheet sheet = workbook.newWorksheet("花名册");
            for (int c = 0; c < headers.size(); c++) {
                sheet.value(0, c, headers.get(c));
            }
            int r = 1;
            for (String[] row : rows) {
                for (int c = 0; c < row.length; c++) {
                    if (row[c] != null) {
                        sheet.value(r, c, row[c]);
                    }
                }
                if (++r % 10_000 == 0) {
                    sheet.flush();
                }
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cells of an xlsx's first sheet as text, row by row (an empty cell is null). */
    public static List<List<String>> rows(byte[] xlsx) {
        List<List<String>> rows = new ArrayList<>();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx));
                Stream<Row> stream = workbook.getFirstSheet().openStream()) {
            stream.forEach(row -> {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.getCellCount(); i++) {
                    cells.add(row.getCell(i) == null ? null : row.getCell(i).getText());
                }
                rows.add(cells);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
