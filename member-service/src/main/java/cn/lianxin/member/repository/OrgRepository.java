package cn.lianxin.member.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

import cn.lianxin.member.domain.Org;
import cn.lianxin.platform.security.OrgPaths;

/** The organization tree; it also tells {@code OrgScope} where an org sits. */
@ApplicationScoped
public class OrgRepository implements PanacheRepositoryBase<Org, UUID>, OrgPaths {

    @Override
    public Optional<String> pathOf(UUID orgId) {
        return find("select o.path from Org o where o.id = ?1", orgId).project(String.class).firstResultOptional();
    }

    public List<Org> children(UUID parentId) {
        return list("parentId = ?1 order by name", parentId);
    }

    /** The org's subtree, itself excluded, shallowest first. */
    public List<Org> descendants(Org org) {
        return list("path like ?1 and id <> ?2 order by length(path)", org.path + "%", org.id);
    }
}
