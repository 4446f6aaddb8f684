package cn.lianxin.member.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

import cn.lianxin.member.domain.Category;
import cn.lianxin.member.domain.FocusTag;
import cn.lianxin.member.domain.NotificationChannel;
import cn.lianxin.member.domain.RosterCounts;
import cn.lianxin.member.domain.Standing;
import cn.lianxin.member.repository.RosterExportRepository;
import cn.lianxin.member.repository.RosterExportRepository.Exported;
import cn.lianxin.platform.pii.PiiCipher;

/**
 * 党员花名册 out: a subtree's members in the import layout plus 党籍 (so that the file can be read back), ID numbers
 * masked unless a full export is asked for, which is recorded as a reveal of every member's ID number.
 */
@ApplicationScoped
public class RosterExport {

    private static final String[] EXPORT_HEADERS = Stream.concat(Stream.of(RosterColumn.values()).map(c -> c.header),
            Stream.of("党籍")).toArray(String[]::new);
    private final RosterExportRepository exports;
    private final PiiCipher pii;
    private final Clock clock;

    public RosterExport(RosterExportRepository exports, PiiCipher pii, Clock clock) {
        this.exports = exports;
        this.pii = pii;
        this.clock = clock;
    }

    /**
     * Writes the subtree's roster in the import layout (so that it can be read back), ID numbers masked unless
     * {@code full}; a full export is recorded as a reveal of every member's ID number.
     */
    @Transactional
    @TransactionConfiguration(timeout = 3600)
    public void export(String pathPrefix, boolean full, String reason, String user, OutputStream out) {
        export(pathPrefix, full, reason, user, out, row -> {
        });
    }

    /** A roster as filed (花名册备案): the bytes of the export (ID numbers masked) and the counts of its very rows. */
    public record Snapshot(byte[] content, RosterCounts counts) {
    }

    /** The subtree's roster now, ID numbers masked, in memory (a branch's roster), with the counts of its rows. */
    @Transactional
    public Snapshot snapshot(String pathPrefix, String user) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RosterCounts.Tally tally = new RosterCounts.Tally();
        export(pathPrefix, false, null, user, out, m -> tally.add(Category.valueOf(m.category()),
                Standing.valueOf(m.standing()), m.flowing()));
        return new Snapshot(out.toByteArray(), tally.counts());
    }

    private void export(String pathPrefix, boolean full, String reason, String user, OutputStream out,
            Consumer<Exported> written) {
        if (full) {
            exports.recordReveals(pathPrefix, user, clock.instant(), reason);
        }
        try {
            Workbook workbook = new Workbook(out, "Lianxin", "1.0");
            Worksheet sheet = workbook.newWorksheet("党员花名册");
            for (int c = 0; c < EXPORT_HEADERS.length; c++) {
                sheet.value(0, c, EXPORT_HEADERS[c]);
                sheet.style(0, c).bold().set();
            }
            int r = 1;
            UUID last = new UUID(0, 0);
            List<Exported> page;
            do {
                page = exports.page(pathPrefix, last);
                for (Exported m : page) {
                    writeRow(sheet, r++, m, full);
                    written.accept(m);
                    last = m.id();
                }
                sheet.flush();
            } while (page.size() == RosterExportRepository.PAGE);
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cells of one member, in the order of {@link #EXPORT_HEADERS}. */
    private void writeRow(Worksheet sheet, int r, Exported m, boolean full) {
        Object[] values = { m.name(), full ? pii.decrypt(m.idNumberCipher()) : m.idNumberMasked(),
                "MALE".equals(m.gender()) ? "男" : "女", m.ethnicity(), m.birthDate(), m.education(), m.occupation(),
                m.phone(), m.wechat(), m.qq(), m.email(), m.householdAddress(), m.residenceAddress(), m.workUnit(),
                m.branch(), "FULL".equals(m.category()) ? "正式党员" : "预备党员", m.joinedAt(), m.regularizedAt(),
                m.introducers(), m.emergencyName(), m.emergencyRelation(), m.emergencyPhone(),
                FocusTag.labels(m.focusTags().stream().map(FocusTag::valueOf).toList()),
                m.preferredChannel() == null ? null : NotificationChannel.valueOf(m.preferredChannel()).label, m.standing() };
        for (int c = 0; c < values.length; c++) {
            if (values[c] != null) {
                sheet.value(r, c, values[c].toString());
            }
        }
    }
}
