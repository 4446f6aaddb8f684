package cn.lianxin.cases.domain;

public enum Reintegration {
    RELATIONSHIP_TRANSFERRED, RELATIONSHIP_REISSUED, RELATIONSHIP_KEPT, PROBATION_EXTENDED
}
