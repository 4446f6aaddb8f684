package cn.lianxin.cases.domain;

/** 查询依据: the kind of document a lookup rests on; the request also cites the document itself. */
public enum LegalBasis {
    /** 《中国共产党党员教育管理工作条例》: 查找失去联系的党员. */
    EDUCATION_MANAGEMENT_REGULATION,
    /** 《中国共产党党员权利保障条例》. */
    RIGHTS_PROTECTION_REGULATION,
    /** 上级组织部门的组织工作文件 (e.g. 失联党员排查的通知). */
    ORGANIZATION_WORK_DOCUMENT,
    /** 组织部门与该部门的协查或信息共享协议. */
    INTERDEPARTMENTAL_AGREEMENT
}
