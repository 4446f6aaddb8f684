package cn.lianxin.member.rest;

import java.util.List;

/** The outcome of a roster (花名册) import. */
public final class RosterDtos {

    private RosterDtos() {
    }

    /** One refusal: spreadsheet row (1 = headers), column header, message. */
    public record RowError(int row, String column, String message) {
    }

    /**
     * @param errorsTruncated true when more errors were found than listed
     */
    public record ImportReport(String mode, int rows, int imported, int rejected, List<RowError> errors,
            boolean errorsTruncated) {
    }
}
