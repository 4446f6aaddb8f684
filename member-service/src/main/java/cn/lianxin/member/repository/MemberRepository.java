package cn.lianxin.member.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

import cn.lianxin.member.domain.Member;
import cn.lianxin.member.domain.MemberSearch;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;

@ApplicationScoped
public class MemberRepository implements PanacheRepositoryBase<Member, UUID> {

    public Optional<Member> findByIdNumberIndex(String blindIndex) {
        return find("idNumberIndex", blindIndex).firstResultOptional();
    }

    /** Members of every branch whose path starts with {@code pathPrefix}, by name. */
    public Page<Member> search(String pathPrefix, MemberSearch filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" from Member m, Org o where o.id = m.orgId and o.path like :prefix");
        Map<String, Object> params = new HashMap<>();
        params.put("prefix", pathPrefix + "%");
        if (filter.q() != null && !filter.q().isBlank()) {
            where.append(" and (lower(m.name) like :q or m.phone like :q)");
            params.put("q", "%" + filter.q().trim().toLowerCase() + "%");
        }
        if (filter.category() != null) {
            where.append(" and m.category = :category");
            params.put("category", filter.category());
        }
        if (filter.standing() != null) {
            where.append(" and m.standing = :standing");
            params.put("standing", filter.standing());
        }
        where.append(Boolean.TRUE.equals(filter.transferredOut()) ? " and m.transferredOutAt is not null"
                : " and m.transferredOutAt is null");
        if (filter.flowing() != null) {
            where.append(" and m.flowing = :flowing");
            params.put("flowing", filter.flowing());
        }
        TypedQuery<Long> count = getEntityManager().createQuery("select count(m)" + where, Long.class);
        TypedQuery<Member> items = getEntityManager().createQuery("select m" + where + " order by m.name, m.id", Member.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            items.setParameter(k, v);
        });
        List<Member> found = items.setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        return new Page<>(found, page.page, page.size, count.getSingleResult());
    }
}
