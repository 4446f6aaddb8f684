package cn.lianxin.tracking.domain;

/**
 * 重点对象, as in the contracts' FocusTag: what a 专项排查 campaign may single out. VETERAN_PRE_1949 建国前老党员,
 * OVER_80 80岁以上, HARDSHIP 困难党员, SERIOUS_ILLNESS 患大病党员, ABROAD 出国(境), GRADUATE 毕业生.
 */
public enum FocusTag {
    VETERAN_PRE_1949, OVER_80, HARDSHIP, SERIOUS_ILLNESS, ABROAD, GRADUATE
}
