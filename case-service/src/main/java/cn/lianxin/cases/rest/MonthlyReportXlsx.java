package cn.lianxin.cases.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import cn.lianxin.cases.service.ReportFigures;
import cn.lianxin.cases.service.ReportService.MonthlyReport;
import cn.lianxin.cases.service.ReportService.OrgFigures;

/** The monthly report (每月一上报) as a spreadsheet: the subtree, its direct children, then every branch. */
final class MonthlyReportXlsx {

    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final List<String> HEADER = List.of("党组织", "类型", "党员数", "失联总数", "新增失联", "找回", "纳入管理",
            "组织处置", "停止党籍", "除名", "仍失联", "再次失联", "失联率", "平均失联天数", "失联天数中位数");

    private MonthlyReportXlsx() {
    }

    static void write(MonthlyReport report, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "Lianxin", "1.0");
        Worksheet sheet = workbook.newWorksheet(report.month() + " 月报");
        sheet.value(0, 0, report.name() + " " + report.month() + " 失联党员月报");
        for (int c = 0; c < HEADER.size(); c++) {
            sheet.value(1, c, HEADER.get(c));
            sheet.style(1, c).bold().set();
        }
        int row = 2;
        row(sheet, row++, report.name(), "合计", report.figures());
        for (OrgFigures child : report.children()) {
            row(sheet, row++, child.name(), "下级", child.figures());
        }
        for (OrgFigures branch : report.branches()) {
            row(sheet, row++, branch.name(), "支部", branch.figures());
        }
        workbook.finish();
    }

    private static void row(Worksheet sheet, int row, String name, String kind, ReportFigures f) {
        sheet.value(row, 0, name);
        sheet.value(row, 1, kind);
        long[] counts = { f.members(), f.lostTotal(), f.newlyLost(), f.found(), f.reintegrated(), f.disposed(),
                f.suspended(), f.removed(), f.stillMissing(), f.reLost() };
        for (int i = 0; i < counts.length; i++) {
            sheet.value(row, 2 + i, counts[i]);
        }
        sheet.value(row, 12, f.lostRate());
        if (f.averageDaysLost() != null) {
            sheet.value(row, 13, f.averageDaysLost());
            sheet.value(row, 14, f.medianDaysLost());
        }
    }
}
