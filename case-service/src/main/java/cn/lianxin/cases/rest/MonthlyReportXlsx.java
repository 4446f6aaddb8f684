package cn.lianxin.cases.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import cn.lianxin.cases.domain.LossSituation;
import cn.lianxin.cases.service.AccountabilityFigures;
import cn.lianxin.cases.service.ReportFigures;
import cn.lianxin.cases.service.ReportService.MonthlyReport;
import cn.lianxin.cases.service.ReportService.OrgFigures;

/** The monthly report (每月一上报) as a spreadsheet: the subtree, its direct children, then every branch. */
final class MonthlyReportXlsx {

    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final List<String> HEADER = List.of("党组织", "类型", "党员数", "失联总数", "新增失联", "找回", "纳入管理",
            "组织处置", "停止党籍", "除名", "仍失联", "再次失联", "失联率", "平均失联天数", "失联天数中位数", "去世", "退党", "开除党籍");

    /** 失联情形 columns after the figures, one per situation (失联总数 broken down). */
    private static final Map<LossSituation, String> SITUATIONS = situations();

    /**
     * 目标责任考核 columns after the situations: a branch's figures as tracking-service reported them (AccountabilityReported);
     * empty cells until they have arrived, and for the rows that are not branches.
     */
    private static final List<String> ACCOUNTABILITY = List.of("考核:党员数", "考核:应联系", "考核:按时联系", "考核:未按时联系",
            "考核:按时联系率", "考核:未按时且尚未联系", "考核:未按时至联系天数中位数", "考核:应首次查找", "考核:30天内首次查找",
            "考核:首次查找及时率", "考核:回访完成", "考核:回访未完成", "考核:新增失联", "考核:每百名党员失联");

    private MonthlyReportXlsx() {
    }

    static void write(MonthlyReport report, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "Lianxin", "1.0");
        Worksheet sheet = workbook.newWorksheet(report.month() + " 月报");
        sheet.value(0, 0, report.name() + " " + report.month() + " 失联党员月报");
        List<String> header = new ArrayList<>(HEADER);
        SITUATIONS.values().forEach(label -> header.add("失联情形:" + label));
        header.addAll(ACCOUNTABILITY);
        for (int c = 0; c < header.size(); c++) {
            sheet.value(1, c, header.get(c));
            sheet.style(1, c).bold().set();
        }
        int row = 2;
        row(sheet, row++, report.name(), "合计", report.figures(), null);
        for (OrgFigures child : report.children()) {
            row(sheet, row++, child.name(), "下级", child.figures(), child.accountability());
        }
        for (OrgFigures branch : report.branches()) {
            row(sheet, row++, branch.name(), "支部", branch.figures(), branch.accountability());
        }
        workbook.finish();
    }

    private static void row(Worksheet sheet, int row, String name, String kind, ReportFigures f,
            AccountabilityFigures a) {
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
        sheet.value(row, 15, f.deceased());
        sheet.value(row, 16, f.withdrawn());
        sheet.value(row, 17, f.expelled());
        int column = HEADER.size();
        for (LossSituation situation : SITUATIONS.keySet()) {
            sheet.value(row, column++, f.bySituation().getOrDefault(situation, 0L));
        }
        if (a == null) {
            return;
        }
        Object[] values = { a.members(), a.contactsDue(), a.contactsOnTime(), a.contactsMissed(), a.contactsOnTimeShare(),
                a.missedAwaitingContact(), a.medianDaysMissedToContact(), a.firstSearchDue(), a.firstSearchInTime(),
                a.firstSearchInTimeShare(), a.followUpsDone(), a.followUpsMissed(), a.casesOpened(), a.lostPer100() };
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Number n) {
                sheet.value(row, column + i, n);
            }
        }
    }

    private static Map<LossSituation, String> situations() {
        Map<LossSituation, String> labels = new EnumMap<>(LossSituation.class);
        labels.put(LossSituation.MIGRANT_WORK, "外出务工经商");
        labels.put(LossSituation.ENTERPRISE_RESTRUCTURED, "单位改制破产");
        labels.put(LossSituation.GRADUATE_UNKNOWN, "毕业去向不明");
        labels.put(LossSituation.JOB_CHANGED, "工作变动");
        labels.put(LossSituation.ABROAD, "出国(境)");
        labels.put(LossSituation.MOVED, "搬迁");
        labels.put(LossSituation.OTHER, "其他");
        labels.put(LossSituation.UNKNOWN, "待补全");
        return labels;
    }
}
