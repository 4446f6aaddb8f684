package cn.lianxin.member.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import cn.lianxin.platform.problem.Problem;

/** A roster (花名册) import job and its report, as {@link RosterImportJobs} answers them. */
public final class RosterViews {

    private RosterViews() {
    }

    /** One refusal: spreadsheet row (1 = headers), column header, message. */
    public record RowError(int row, String column, String message) {
    }

    /**
     * A roster import job ({@code POST /orgs/{id}/roster} answers 202 with its Location).
     *
     * @param mode            ALL_OR_NOTHING or VALID_ROWS
     * @param status          QUEUED, RUNNING, then SUCCEEDED (the valid rows, or all of them, were imported), REFUSED
     *                        (nothing imported: row errors under all-or-nothing, or the file or the caller refused, see
     *                        {@code problem}), FAILED (nothing imported: the import broke off) or ABANDONED (nothing
     *                        imported: the instance running it stopped)
     * @param rowsRead        non-blank data rows read so far
     * @param rowsTotal       data rows of the sheet: counted when the upload was inspected (blank rows included; null for
     *                        a workbook of several worksheets), the rows read once finished
     * @param imported        members registered, once SUCCEEDED
     * @param rejected        rows refused so far
     * @param percent         progress: 0 queued, 100 finished; null while running when the rows could not be counted
     * @param errors          one entry per error of a refused row, by row (at most 1000)
     * @param errorsTruncated true when more errors were found than listed
     * @param problem         why nothing was imported (REFUSED, FAILED, ABANDONED): the problem the import met, with
     *                        {@code rows[<row>].<column>} fields for row errors, {@code file} for the file
     */
    public record RosterImportJob(UUID id, UUID orgId, String mode, String status, int rowsRead, Integer rowsTotal,
            int imported, int rejected, Integer percent, List<RowError> errors, boolean errorsTruncated, Problem problem,
            String createdBy, Instant createdAt, Instant startedAt, Instant finishedAt, Instant heartbeatAt) {
    }
}
