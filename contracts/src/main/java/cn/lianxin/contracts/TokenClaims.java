package cn.lianxin.contracts;

/**
 * What the services read from a bearer token besides its signature, issuer and times (docs/architecture.md §4): an
 * identity provider that issues tokens for Lianxin puts the roles in {@value #GROUPS}, the org a role is held at in
 * {@value #ORG}, and for a person who is a member (a liaison, a member checking in) their member id in {@value #MEMBER}.
 */
public final class TokenClaims {

    /** The roles, e.g. {@code ["SECRETARY"]}. */
    public static final String GROUPS = "groups";
    /** The org id the role is held at; the role reaches that org's subtree. Absent for ADMIN. */
    public static final String ORG = "org";
    /** The holder's own member id, for LIAISON and MEMBER. */
    public static final String MEMBER = "member";

    private TokenClaims() {
    }
}
