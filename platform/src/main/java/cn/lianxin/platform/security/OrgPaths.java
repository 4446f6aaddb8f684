package cn.lianxin.platform.security;

import java.util.Optional;
import java.util.UUID;

/**
 * Where an org sits in the tree, as each service knows it (its own table or its projection of
 * {@code OrgCreated}/{@code OrgChanged}). A path lists org ids from the root to the org itself:
 * {@code /root-id/committee-id/branch-id/}, so a subtree is everything whose path starts with it.
 */
public interface OrgPaths {

    Optional<String> pathOf(UUID orgId);

    static String childPath(String parentPath, UUID orgId) {
        return (parentPath == null ? "/" : parentPath) + orgId + "/";
    }
}
