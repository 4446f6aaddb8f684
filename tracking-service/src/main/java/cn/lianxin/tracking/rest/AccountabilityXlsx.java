package cn.lianxin.tracking.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import cn.lianxin.tracking.domain.Accountability.Figures;
import cn.lianxin.tracking.service.AccountabilityViews.AccountabilityReport;
import cn.lianxin.tracking.service.AccountabilityViews.BranchRow;
import cn.lianxin.tracking.service.AccountabilityViews.LiaisonRow;

/** The accountability figures (目标责任考核) as a spreadsheet: the subtree's total, every branch, every liaison. */
final class AccountabilityXlsx {

    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** Column headers after 名称 and 类型, in the order of {@link #row}. */
    private static final List<String> HEADER = List.of("名称", "类型", "党员数", "应联系", "按时联系", "未按时联系", "按时联系率",
            "未按时且尚未联系", "未按时至联系天数中位数", "应首次查找", "30天内首次查找", "首次查找及时率", "回访完成", "回访未完成",
            "新增失联", "每百名党员失联");

    private AccountabilityXlsx() {
    }

    static void write(AccountabilityReport report, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "Lianxin", "1.0");
        Worksheet sheet = workbook.newWorksheet("目标责任考核");
        sheet.value(0, 0, report.name() + " 目标责任考核 " + report.from() + " 至 " + report.to().minusDays(1));
        for (int c = 0; c < HEADER.size(); c++) {
            sheet.value(1, c, HEADER.get(c));
            sheet.style(1, c).bold().set();
        }
        int r = 2;
        row(sheet, r++, report.name(), "合计", report.total());
        for (BranchRow branch : report.branches()) {
            row(sheet, r++, branch.name(), "支部", branch.figures());
        }
        for (LiaisonRow liaison : report.liaisons()) {
            row(sheet, r++, liaison.name(), "联络员", liaison.figures());
        }
        workbook.finish();
    }

    /** A share, median or rate of nothing stays an empty cell. */
    private static void row(Worksheet sheet, int r, String name, String kind, Figures f) {
        sheet.value(r, 0, name);
        sheet.value(r, 1, kind);
        Object[] values = { f.members(), f.contactsDue(), f.contactsOnTime(), f.contactsMissed(), f.contactsOnTimeShare(),
                f.missedAwaitingContact(), f.medianDaysMissedToContact(), f.firstSearchDue(), f.firstSearchInTime(),
                f.firstSearchInTimeShare(), f.followUpsDone(), f.followUpsMissed(), f.casesOpened(), f.lostPer100() };
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Number n) {
                sheet.value(r, 2 + i, n);
            }
        }
    }
}
