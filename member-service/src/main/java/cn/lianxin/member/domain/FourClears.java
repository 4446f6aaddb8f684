package cn.lianxin.member.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * 四个清楚: a flow member may only be registered when nature, contact (phone and WeChat), destination and a
 * backup contact are all known. Lists what is missing, so that the secretary can complete it in one go.
 */
public final class FourClears {

    /** One part of 四个清楚 and the request fields it needs. */
    public enum Part {
        NATURE("流动性质", "nature"),
        CONTACT("联系方式", "phone and wechat"),
        DESTINATION("流入地", "destination.place"),
        BACKUP_CONTACT("备用联系人", "backupContact");

        public final String label;
        public final String fields;

        Part(String label, String fields) {
            this.label = label;
            this.fields = fields;
        }
    }

    /** What a registration provides; blank counts as missing. */
    public record Given(OutflowNature nature, String phone, String wechat, String destinationPlace, String backupName,
            String backupRelation, String backupPhone) {
    }

    private FourClears() {
    }

    public static List<Part> missing(Given given) {
        List<Part> missing = new ArrayList<>();
        if (given.nature() == null) {
            missing.add(Part.NATURE);
        }
        if (blank(given.phone()) || blank(given.wechat())) {
            missing.add(Part.CONTACT);
        }
        if (blank(given.destinationPlace())) {
            missing.add(Part.DESTINATION);
        }
        if (blank(given.backupName()) || blank(given.backupRelation()) || blank(given.backupPhone())) {
            missing.add(Part.BACKUP_CONTACT);
        }
        return missing;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
