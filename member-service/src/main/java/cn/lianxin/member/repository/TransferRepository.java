package cn.lianxin.member.repository;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

import cn.lianxin.member.domain.Transfer;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;

/** Transfers (组织关系转接). */
@ApplicationScoped
public class TransferRepository implements PanacheRepositoryBase<Transfer, UUID> {

    /** Whether a transfer letter of the member is still out (ISSUED, its receipt not back). */
    public boolean hasIssued(UUID memberId) {
        return Exists.any(getEntityManager(), "Transfer", "memberId = ?1 and status = ?2", memberId, Transfer.ISSUED);
    }

    /**
     * Transfers from or to the subtree under {@code pathPrefix}, newest first; with {@code overdueBefore}, only those
     * still ISSUED whose receipt was due before that day.
     */
    public Page<Transfer> search(String pathPrefix, LocalDate overdueBefore, PageRequest page) {
        StringBuilder where = new StringBuilder(" from Transfer t where (t.fromOrgId in (select o.id from Org o where o.path like :prefix)"
                + " or t.toOrgId in (select o.id from Org o where o.path like :prefix))");
        Map<String, Object> params = new HashMap<>();
        params.put("prefix", pathPrefix + "%");
        if (overdueBefore != null) {
            where.append(" and t.status = 'ISSUED' and t.dueAt < :today");
            params.put("today", overdueBefore);
        }
        TypedQuery<Long> count = getEntityManager().createQuery("select count(t)" + where, Long.class);
        TypedQuery<Transfer> items = getEntityManager().createQuery("select t" + where + " order by t.issuedAt desc, t.id",
                Transfer.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            items.setParameter(k, v);
        });
        List<Transfer> found = items.setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        return new Page<>(found, page.page, page.size, count.getSingleResult());
    }
}
