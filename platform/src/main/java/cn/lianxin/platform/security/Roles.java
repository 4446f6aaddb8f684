package cn.lianxin.platform.security;

/** Roles of docs/domain.md §6, carried in the token's {@code groups} claim. */
public final class Roles {
    /** System administrator: everything, everywhere. */
    public static final String ADMIN = "ADMIN";
    /** 组织员 of a committee: its whole subtree. */
    public static final String ORG_ADMIN = "ORG_ADMIN";
    /** Branch secretary. */
    public static final String SECRETARY = "SECRETARY";
    /** 联络员: keeps in touch with the flow members assigned to them. */
    public static final String LIAISON = "LIAISON";
    /** Read-only over a subtree. */
    public static final String AUDITOR = "AUDITOR";
    /** A member: self check-in only. */
    public static final String MEMBER = "MEMBER";

    private Roles() {
    }
}
