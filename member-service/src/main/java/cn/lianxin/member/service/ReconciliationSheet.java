package cn.lianxin.member.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import cn.lianxin.member.service.ReconciliationViews.DuplicateFacts;
import cn.lianxin.member.service.ReconciliationViews.FlowFacts;
import cn.lianxin.member.service.ReconciliationViews.NoContactFacts;
import cn.lianxin.member.service.ReconciliationViews.OrgRef;
import cn.lianxin.member.service.ReconciliationViews.ReconciliationLine;
import cn.lianxin.member.service.ReconciliationViews.ReconciliationReport;
import cn.lianxin.member.service.ReconciliationViews.TransferFacts;
import cn.lianxin.platform.time.ShanghaiCalendar;

/** The reconciliation report as a sheet (核查清单): one row per line, the facts in words, ID numbers masked. */
final class ReconciliationSheet {

    static final String[] HEADERS = { "类别代码", "类别", "姓名", "身份证号", "所在党支部", "情况", "下一步" };

    private ReconciliationSheet() {
    }

    static byte[] write(ReconciliationReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "Lianxin", "1.0");
            Worksheet sheet = workbook.newWorksheet("口袋党员空挂排查");
            for (int c = 0; c < HEADERS.length; c++) {
                sheet.value(0, c, HEADERS[c]);
                sheet.style(0, c).bold().set();
            }
            int r = 1;
            for (ReconciliationLine line : report.lines()) {
                String[] values = { line.kind().name(), line.label(), line.member() == null ? null : line.member().name(),
                        line.member() == null ? null : line.member().idNumberMasked(),
                        line.member() == null ? null : line.member().branchName(), facts(line), line.nextStep() };
                for (int c = 0; c < values.length; c++) {
                    if (values[c] != null) {
                        sheet.value(r, c, values[c]);
                    }
                }
                r++;
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The facts of a line in words. */
    static String facts(ReconciliationLine line) {
        if (line.facts() instanceof DuplicateFacts d) {
            return "已在" + name(d.holderOrg()) + "登记，" + name(d.actingOrg()) + "重复申请登记" + d.hits() + "次，最近一次"
                    + day(d.lastHitAt());
        }
        if (line.facts() instanceof TransferFacts t) {
            return "介绍信" + t.transferId() + "，" + t.issuedAt() + "开具，转往"
                    + (t.toOrg() != null ? name(t.toOrg()) : t.toExternalOrg().name() + "（" + t.toExternalOrg().region() + "）")
                    + "，有效期至" + t.dueAt() + "，已超期" + t.daysOverdue() + "天未回执";
        }
        if (line.facts() instanceof NoContactFacts n) {
            return (n.lastReachedAt() == null ? "登记（" + day(n.registeredAt()) + "）以来从未联系上"
                    : "最后一次联系上在" + day(n.lastReachedAt())) + "，已" + n.daysWithoutContact() + "天，无失联档案"
                    + (n.flowing() ? "，流动党员" : "");
        }
        FlowFacts f = (FlowFacts) line.facts();
        return f.leftAt() + "流出至" + f.destinationPlace()
                + (f.receivingOrg() == null ? "" : "（接收：" + name(f.receivingOrg()) + "）") + "，应于" + f.reportInDueAt()
                + "前确认报到，已超期" + f.daysOverdue() + "天";
    }

    private static String name(OrgRef org) {
        return org == null || org.name() == null ? "未知党组织" : org.name();
    }

    private static String day(Instant instant) {
        return ShanghaiCalendar.dateOf(instant).toString();
    }
}
