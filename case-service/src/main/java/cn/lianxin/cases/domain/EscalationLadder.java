package cn.lianxin.cases.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Rules C1/C2: level 1 is the branch's parent org, each further level one org higher, the root at most.
 * The scan applies the same ladder in SQL over the case's org path; this is its readable statement.
 */
public final class EscalationLadder {

    private EscalationLadder() {
    }

    /** One rung: the case moves from {@code fromOrgId} to {@code toOrgId}. */
    public record Step(int level, UUID fromOrgId, UUID toOrgId, boolean atRoot) {
    }

    /**
     * @param path         org ids from the root down to the member's branch, inclusive
     * @param currentLevel 0 when not yet escalated
     * @return the next escalation, or empty when the case already sits at the root
     */
    public static Optional<Step> next(List<UUID> path, int currentLevel) {
        int branch = path.size() - 1;
        int to = branch - (currentLevel + 1);
        if (to < 0) {
            return Optional.empty();
        }
        return Optional.of(new Step(currentLevel + 1, path.get(to + 1), path.get(to), to == 0));
    }

    /** {@code /a/b/c/} → [a, b, c]. */
    public static List<UUID> parse(String materializedPath) {
        return java.util.Arrays.stream(materializedPath.split("/")).filter(s -> !s.isEmpty()).map(UUID::fromString)
                .toList();
    }
}
