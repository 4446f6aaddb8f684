package cn.lianxin.platform.orgs;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

import cn.lianxin.platform.security.OrgPaths;

/** Org paths from the projection; member-service, which owns the tree, provides its own {@link OrgPaths}. */
@DefaultBean
@ApplicationScoped
public class ProjectedOrgPaths implements OrgPaths {

    private final OrgProjection projection;

    public ProjectedOrgPaths(OrgProjection projection) {
        this.projection = projection;
    }

    @Override
    public Optional<String> pathOf(UUID orgId) {
        return projection.pathOf(orgId);
    }
}
