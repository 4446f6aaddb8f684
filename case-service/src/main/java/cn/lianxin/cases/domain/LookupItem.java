package cn.lianxin.cases.domain;

/** 查询事项: what a lookup asks a department. */
public enum LookupItem {
    /** 现住址. */
    CURRENT_ADDRESS,
    /** 户籍登记地. */
    HOUSEHOLD_REGISTRATION,
    /** 在用手机号码. */
    PHONE_IN_USE,
    /** 参保单位. */
    INSURED_EMPLOYER,
    /** 房屋产权或租赁登记地址. */
    RESIDENCE_REGISTRATION,
    /** 户籍状态 (死亡或注销). */
    VITAL_STATUS
}
