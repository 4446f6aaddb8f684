package cn.lianxin.cases.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * A department a case may ask for a lookup (联合公安、电信、社保、房管 查询); its answer is a search attempt of the
 * {@link SearchChannel} of the same name.
 */
public enum Department {
    /** 公安/户籍. */
    PUBLIC_SECURITY(EnumSet.of(LookupItem.CURRENT_ADDRESS, LookupItem.HOUSEHOLD_REGISTRATION, LookupItem.VITAL_STATUS)),
    /** 电信运营商. */
    TELECOM(EnumSet.of(LookupItem.PHONE_IN_USE)),
    /** 社保. */
    SOCIAL_SECURITY(EnumSet.of(LookupItem.INSURED_EMPLOYER, LookupItem.VITAL_STATUS)),
    /** 房管. */
    HOUSING(EnumSet.of(LookupItem.RESIDENCE_REGISTRATION, LookupItem.CURRENT_ADDRESS));

    private final Set<LookupItem> answers;

    Department(Set<LookupItem> answers) {
        this.answers = answers;
    }

    /** What this department keeps records of, and so may be asked. */
    public Set<LookupItem> answers() {
        return EnumSet.copyOf(answers);
    }

    /** The search channel an answer of this department is logged as. */
    public SearchChannel channel() {
        return SearchChannel.valueOf(name());
    }
}
