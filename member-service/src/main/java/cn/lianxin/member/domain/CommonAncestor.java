package cn.lianxin.member.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The lowest common ancestor of two orgs (an org is its own ancestor): the org whose ORG_ADMIN hears of a duplicate
 * ID number found between them (口袋党员, 空挂: one person registered twice, or a number claimed by two branches).
 */
public final class CommonAncestor {

    private CommonAncestor() {
    }

    /**
     * The deepest org on both paths, each listing org ids from the root down ({@link Org#pathIds()}); empty when the
     * two orgs lie in separate trees.
     */
    public static Optional<UUID> of(List<UUID> first, List<UUID> second) {
        UUID common = null;
        for (int i = 0; i < Math.min(first.size(), second.size()) && first.get(i).equals(second.get(i)); i++) {
            common = first.get(i);
        }
        return Optional.ofNullable(common);
    }
}
