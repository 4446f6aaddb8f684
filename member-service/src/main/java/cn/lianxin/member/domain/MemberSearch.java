package cn.lianxin.member.domain;

/**
 * Filters of a subtree's member list; null means "any", except {@code transferredOut}: members whose relationship was
 * transferred out of the system have left the register and are listed only when it is {@code true}.
 */
public record MemberSearch(String q, Category category, Standing standing, Boolean flowing, Boolean transferredOut) {
}
