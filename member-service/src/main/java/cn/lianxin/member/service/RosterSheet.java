package cn.lianxin.member.service;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

import cn.lianxin.member.domain.Category;
import cn.lianxin.member.domain.FocusTag;
import cn.lianxin.member.domain.Gender;
import cn.lianxin.member.domain.NotificationChannel;
import cn.lianxin.member.service.MemberCommands.EmergencyContact;
import cn.lianxin.member.service.MemberCommands.RegisterMember;
import cn.lianxin.member.service.RosterViews.RowError;
import cn.lianxin.platform.problem.Problem.FieldError;
import cn.lianxin.platform.problem.ProblemException;

/**
 * Reads the first sheet of a 党员花名册 (.xlsx, the layout of {@link RosterColumn}) row by row: the header row, then
 * each non-blank data row as the registration it asks for and the cells that could not be read. Streams the sheet
 * (only the workbook's shared strings are held in memory, bounded by {@code max-part-size}); knows nothing of the
 * register.
 */
final class RosterSheet implements AutoCloseable {

    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);
    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("yyyy/M/d"), DateTimeFormatter.ofPattern("yyyy.M.d"),
            DateTimeFormatter.ofPattern("yyyy年M月d日"));

    /**
     * One data row: its spreadsheet number (1 = headers), the branch named in 所在党支部 (null when blank), the
     * registration it asks for (its {@code orgId} is set by {@link #request(UUID)}) and the cells that could not be read.
     */
    record SheetRow(int number, String branch, RegisterMember read, List<RowError> errors) {

        /** The registration into the given branch. */
        RegisterMember request(UUID orgId) {
            RegisterMember r = read;
            return new RegisterMember(r.name(), r.idNumber(), r.gender(), r.ethnicity(), r.birthDate(), r.education(),
                    r.occupation(), r.phone(), r.wechat(), r.qq(), r.email(), r.householdAddress(), r.residenceAddress(),
                    r.workUnit(), orgId, r.category(), r.joinedAt(), r.regularizedAt(), r.introducers(),
                    r.emergencyContact(), r.preferredChannel(), r.focusTags());
        }
    }

    private final ReadableWorkbook workbook;
    private final Stream<Row> stream;
    private final Iterator<Row> rows;
    private final Map<RosterColumn, Integer> columns;

    private RosterSheet(ReadableWorkbook workbook, Stream<Row> stream, Iterator<Row> rows, Map<RosterColumn, Integer> columns) {
        this.workbook = workbook;
        this.stream = stream;
        this.rows = rows;
        this.columns = columns;
    }

    /**
     * Opens the workbook and reads its header row: 400 naming {@code file} when it cannot be read, 422 naming each
     * missing column ({@code rows[1].<header>}); 所在党支部 is required unless the roster goes into a branch.
     */
    static RosterSheet open(Path xlsx, boolean intoBranch) {
        ReadableWorkbook workbook = null;
        Stream<Row> stream = null;
        try {
            workbook = new ReadableWorkbook(xlsx.toFile());
            stream = workbook.getFirstSheet().openStream();
            Iterator<Row> rows = stream.iterator();
            if (!rows.hasNext()) {
                throw ProblemException.invalidField("file", "the roster is empty: row 1 must hold the column headers");
            }
            return new RosterSheet(workbook, stream, rows, headers(rows.next(), intoBranch));
        } catch (IOException | RuntimeException e) {
            closeQuietly(stream, workbook);
            throw unreadable(e);
        }
    }

    /** The next non-blank data row, or null at the end of the sheet. */
    SheetRow next() {
        try {
            while (rows.hasNext()) {
                Row row = rows.next();
                if (!isBlank(row)) {
                    return read(row);
                }
            }
            return null;
        } catch (RuntimeException e) {
            throw unreadable(e);
        }
    }

    @Override
    public void close() {
        closeQuietly(stream, workbook);
    }

    private static ProblemException unreadable(Exception e) {
        if (e instanceof ProblemException problem) {
            return problem;
        }
        return ProblemException.invalidField("file", "is not a readable .xlsx workbook (" + e.getClass().getSimpleName() + ")");
    }

    private static void closeQuietly(Stream<Row> stream, ReadableWorkbook workbook) {
        if (stream != null) {
            stream.close();
        }
        if (workbook != null) {
            try {
                workbook.close();
            } catch (IOException e) {
                // nothing was written: the file is deleted by the job
            }
        }
    }

    private SheetRow read(Row row) {
        List<RowError> errors = new ArrayList<>();
        CellReader reader = new CellReader(row, columns, errors);
        RegisterMember request = new RegisterMember(reader.text(RosterColumn.NAME), reader.idNumber(),
                reader.gender(), reader.text(RosterColumn.ETHNICITY), reader.date(RosterColumn.BIRTH_DATE),
                reader.text(RosterColumn.EDUCATION), reader.text(RosterColumn.OCCUPATION), reader.text(RosterColumn.PHONE),
                reader.text(RosterColumn.WECHAT), reader.text(RosterColumn.QQ), reader.text(RosterColumn.EMAIL),
                reader.text(RosterColumn.HOUSEHOLD_ADDRESS), reader.text(RosterColumn.RESIDENCE_ADDRESS),
                reader.text(RosterColumn.WORK_UNIT), null, reader.category(),
                reader.date(RosterColumn.JOINED_AT), reader.date(RosterColumn.REGULARIZED_AT),
                reader.text(RosterColumn.INTRODUCERS),
                new EmergencyContact(reader.text(RosterColumn.EMERGENCY_NAME), reader.text(RosterColumn.EMERGENCY_RELATION),
                        reader.text(RosterColumn.EMERGENCY_PHONE)), reader.preferredChannel(), reader.focusTags());
        return new SheetRow(row.getRowNum(), reader.text(RosterColumn.BRANCH), request, errors);
    }

    private static Map<RosterColumn, Integer> headers(Row row, boolean intoBranch) {
        Map<String, Integer> found = new HashMap<>();
        for (int i = 0; i < row.getCellCount(); i++) {
            Cell cell = row.getCell(i);
            if (cell != null && cell.getText() != null && !cell.getText().isBlank()) {
                found.put(cell.getText().trim(), i);
            }
        }
        Map<RosterColumn, Integer> columns = new EnumMap<>(RosterColumn.class);
        List<FieldError> missing = new ArrayList<>();
        for (RosterColumn column : RosterColumn.values()) {
            Integer index = found.get(column.header);
            if (index != null) {
                columns.put(column, index);
            } else if (column.required || (column == RosterColumn.BRANCH && !intoBranch)) {
                missing.add(new FieldError("rows[1]." + column.header, "column is missing"));
            }
        }
        if (!missing.isEmpty()) {
            throw ProblemException.unprocessable("The roster lacks required columns; row 1 must hold the headers of the documented layout",
                    missing);
        }
        return columns;
    }

    private static boolean isBlank(Row row) {
        for (int i = 0; i < row.getCellCount(); i++) {
            Cell cell = row.getCell(i);
            if (cell != null && cell.getType() != CellType.EMPTY && cell.getText() != null && !cell.getText().isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** Reads one row's cells by column, recording what cannot be read. */
    private static final class CellReader {
        private final Row row;
        private final Map<RosterColumn, Integer> columns;
        private final List<RowError> errors;

        CellReader(Row row, Map<RosterColumn, Integer> columns, List<RowError> errors) {
            this.row = row;
            this.columns = columns;
            this.errors = errors;
        }

        private Cell cell(RosterColumn column) {
            Integer index = columns.get(column);
            return index == null || index >= row.getCellCount() ? null : row.getCell(index);
        }

        String text(RosterColumn column) {
            Cell cell = cell(column);
            if (cell == null || cell.getType() == CellType.EMPTY) {
                return null;
            }
            String text = cell.getType() == CellType.NUMBER ? plainNumber(cell) : cell.getText();
            return text == null || text.isBlank() ? null : text.trim();
        }

        private static String plainNumber(Cell cell) {
            BigDecimal number = cell.asNumber();
            return number.stripTrailingZeros().toPlainString();
        }

        String idNumber() {
            Cell cell = cell(RosterColumn.ID_NUMBER);
            if (cell != null && cell.getType() == CellType.NUMBER) {
                errors.add(new RowError(row.getRowNum(), RosterColumn.ID_NUMBER.header,
                        "must be a text cell: Excel rounds an 18-digit number"));
                return "x";
            }
            return text(RosterColumn.ID_NUMBER);
        }

        Gender gender() {
            String text = text(RosterColumn.GENDER);
            if (text == null) {
                return null;
            }
            return switch (text.toUpperCase(Locale.ROOT)) {
                case "男", "MALE" -> Gender.MALE;
                case "女", "FEMALE" -> Gender.FEMALE;
                default -> {
                    errors.add(new RowError(row.getRowNum(), RosterColumn.GENDER.header, "must be 男 or 女"));
                    yield Gender.MALE;
                }
            };
        }

        Category category() {
            String text = text(RosterColumn.CATEGORY);
            if (text == null) {
                return null;
            }
            return switch (text.toUpperCase(Locale.ROOT)) {
                case "正式党员", "正式", "FULL" -> Category.FULL;
                case "预备党员", "预备", "PROBATIONARY" -> Category.PROBATIONARY;
                default -> {
                    errors.add(new RowError(row.getRowNum(), RosterColumn.CATEGORY.header, "must be 正式党员 or 预备党员"));
                    yield Category.FULL;
                }
            };
        }

        /** 首选联系方式: 短信, 微信 or 电子邮件 (or the API's names); anything else is an error of the column. */
        NotificationChannel preferredChannel() {
            String text = text(RosterColumn.PREFERRED_CHANNEL);
            if (text == null) {
                return null;
            }
            NotificationChannel channel = NotificationChannel.parse(text).orElse(null);
            if (channel == null) {
                errors.add(new RowError(row.getRowNum(), RosterColumn.PREFERRED_CHANNEL.header,
                        "must be one of " + NotificationChannel.labels() + " (or SMS, WECHAT, EMAIL), or left empty"));
            }
            return channel;
        }

        /** 重点关注: labels separated by 、 (e.g. 困难党员、出国境); a label that is none is an error of the column. */
        Set<FocusTag> focusTags() {
            FocusTag.Parsed parsed = FocusTag.parseLabels(text(RosterColumn.FOCUS_TAGS));
            if (!parsed.unknown().isEmpty()) {
                errors.add(new RowError(row.getRowNum(), RosterColumn.FOCUS_TAGS.header, "unknown label "
                        + String.join(FocusTag.SEPARATOR, parsed.unknown()) + ": must be labels among " + FocusTag.allLabels()
                        + ", separated by " + FocusTag.SEPARATOR));
            }
            return parsed.tags();
        }

        LocalDate date(RosterColumn column) {
            Cell cell = cell(column);
            if (cell == null || cell.getType() == CellType.EMPTY) {
                return null;
            }
            if (cell.getType() == CellType.NUMBER) {
                return EXCEL_EPOCH.plusDays(cell.asNumber().longValue());
            }
            String text = text(column);
            if (text == null) {
                return null;
            }
            for (DateTimeFormatter format : DATE_FORMATS) {
                try {
                    return LocalDate.parse(text, format);
                } catch (DateTimeParseException e) {
                    // next format
                }
            }
            errors.add(new RowError(row.getRowNum(), column.header, "is not a date (yyyy-MM-dd): " + text));
            return null;
        }
    }
}
