package cn.lianxin.local.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The demo city's register as a district would hand it in: a 党员花名册 (.xlsx) in the documented column layout of
 * member-service's {@code RosterColumn} (headers in row 1; dates and the ID number as text), every member placed in
 * their branch by its name (所在党支部), with the channel they prefer (首选联系方式).
 */
final class DemoRoster {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final List<String> HEADERS = List.of("姓名", "身份证号", "性别", "民族", "出生日期", "学历", "职业",
            "手机号码", "微信号", "电子邮箱", "居住地址", "所在党支部", "人员类别", "入党日期", "转正日期", "紧急联系人",
            "紧急联系人关系", "紧急联系人电话", "重点关注", "首选联系方式");
    /** The labels of the focus tags the demo gives (member-service's FocusTag). */
    private static final Map<String, String> FOCUS_LABELS = Map.of("OVER_80", "80岁以上", "HARDSHIP", "困难党员",
            "SERIOUS_ILLNESS", "患大病党员");
    /** The labels of the preferred channels (member-service's NotificationChannel). */
    private static final Map<String, String> CHANNEL_LABELS = Map.of("SMS", "短信", "WECHAT", "微信", "EMAIL", "电子邮件");

    private DemoRoster() {
    }

    /**
     * @param registrations the member API's registration bodies (as {@code DemoCity} builds them)
     * @param branchName the name of the branch a registration's {@code orgId} is
     */
    static byte[] of(List<Map<String, Object>> registrations, Function<Object, String> branchName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4 << 20);
        try {
            Workbook workbook = new Workbook(out, "Lianxin", "1.0");
            Worksheet sheet = workbook.newWorksheet("党员花名册");
            for (int column = 0; column < HEADERS.size(); column++) {
                sheet.value(0, column, HEADERS.get(column));
            }
            int row = 1;
            for (Map<String, Object> r : registrations) {
                @SuppressWarnings("unchecked")
                Map<String, Object> emergency = (Map<String, Object>) r.get("emergencyContact");
                @SuppressWarnings("unchecked")
                List<String> tags = (List<String>) r.getOrDefault("focusTags", List.of());
                Object[] cells = { r.get("name"), r.get("idNumber"), "MALE".equals(r.get("gender")) ? "男" : "女",
                        r.get("ethnicity"), r.get("birthDate"), r.get("education"), r.get("occupation"), r.get("phone"),
                        r.get("wechat"), r.get("email"), r.get("residenceAddress"), branchName.apply(r.get("orgId")),
                        "PROBATIONARY".equals(r.get("category")) ? "预备党员" : "正式党员", r.get("joinedAt"),
                        r.get("regularizedAt"), emergency.get("name"), emergency.get("relation"), emergency.get("phone"),
                        String.join("、", tags.stream().map(FOCUS_LABELS::get).toList()),
                        CHANNEL_LABELS.get(r.get("preferredChannel")) };
                for (int column = 0; column < cells.length; column++) {
                    if (cells[column] != null && !cells[column].toString().isEmpty()) {
                        sheet.value(row, column, cells[column].toString()); // text cells: dates as yyyy-MM-dd
                    }
                }
                row++;
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
