package cn.lianxin.cases.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

import cn.lianxin.cases.domain.CaseFile;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.Escalation;
import cn.lianxin.cases.domain.LossSituation;
import cn.lianxin.cases.domain.SearchChannel;
import cn.lianxin.cases.domain.StandingProposal;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.sql.Row;

/** Case files and what hangs off them (attempts' channels, escalations, proposals). Who may see them is not its job. */
@ApplicationScoped
public class CaseRepository {

    private final EntityManager em;

    public CaseRepository(EntityManager em) {
        this.em = em;
    }

    /** A new case file, stored when the transaction commits. */
    public void add(CaseFile file) {
        em.persist(file);
    }

    /** A new case file, stored now: the one-open-case-per-member index is checked here, not at commit. */
    public void addNow(CaseFile file) {
        em.persist(file);
        em.flush();
    }

    public Optional<CaseFile> find(UUID id) {
        return Optional.ofNullable(em.find(CaseFile.class, id));
    }

    /** The case files of {@code ids} (those that exist), in one query. */
    public List<CaseFile> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("from CaseFile where id in :ids", CaseFile.class).setParameter("ids", ids)
                .getResultList();
    }

    /**
     * Locks the case file's row until the transaction ends and reloads it: whoever else moves the case (found,
     * closed) waits for this transaction, or has committed and is seen here.
     */
    public CaseFile lock(CaseFile file) {
        em.refresh(file, LockModeType.PESSIMISTIC_WRITE);
        return file;
    }

    public Optional<CaseFile> findUnclosed(UUID memberId) {
        return em.createQuery("from CaseFile where memberId = ?1 and state <> ?2", CaseFile.class)
                .setParameter(1, memberId).setParameter(2, CaseState.CLOSED).setMaxResults(1)
                .getResultStream().findFirst();
    }

    /** The unclosed case files of the members of {@code memberIds}, by member, in one query. */
    public Map<UUID, CaseFile> findUnclosed(Collection<UUID> memberIds) {
        Map<UUID, CaseFile> unclosed = new HashMap<>();
        if (!memberIds.isEmpty()) {
            em.createQuery("from CaseFile where memberId in :ids and state <> :closed", CaseFile.class)
                    .setParameter("ids", memberIds).setParameter("closed", CaseState.CLOSED).getResultList()
                    .forEach(file -> unclosed.put(file.memberId, file));
        }
        return unclosed;
    }

    /** Every case file of one member, newest first. */
    public List<CaseFile> ofMember(UUID memberId) {
        return em.createQuery("from CaseFile where memberId = ?1 order by openedAt desc", CaseFile.class)
                .setParameter(1, memberId).getResultList();
    }

    /**
     * Case files under the org path {@code prefix}, newest first; {@code status}, {@code memberId} when given,
     * {@code incomplete}: open with situation UNKNOWN; {@code members} when present: only theirs.
     */
    public Page<CaseFile> list(String prefix, UUID memberId, CaseState status, boolean incomplete,
            Optional<List<UUID>> members, PageRequest page) {
        String where = "c.orgPath like :prefix" + (status == null ? "" : " and c.state = :state")
                + (memberId == null ? "" : " and c.memberId = :member")
                + (incomplete ? " and c.situation = :unknown and c.state <> :closed" : "")
                + (members.isPresent() ? " and c.memberId in :assigned" : "");
        var count = em.createQuery("select count(c) from CaseFile c where " + where, Long.class);
        var query = em.createQuery("select c from CaseFile c where " + where + " order by c.openedAt desc, c.id",
                CaseFile.class);
        for (var q : List.<Query>of(count, query)) {
            q.setParameter("prefix", prefix + "%");
            if (status != null) {
                q.setParameter("state", status);
            }
            if (memberId != null) {
                q.setParameter("member", memberId);
            }
            if (incomplete) {
                q.setParameter("unknown", LossSituation.UNKNOWN).setParameter("closed", CaseState.CLOSED);
            }
            members.ifPresent(ids -> q.setParameter("assigned", ids));
        }
        List<CaseFile> items = query.setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        return new Page<>(items, page.page, page.size, count.getSingleResult());
    }

    /** Distinct channels tried in the case's current episode, in declaration order. */
    public List<SearchChannel> channelsTried(CaseFile file) {
        return em.createQuery("""
                select distinct a.channel from SearchAttempt a where a.caseId = :id and a.episode = :episode
                """, SearchChannel.class)
                .setParameter("id", file.id).setParameter("episode", file.episode)
                .getResultList().stream().sorted().toList();
    }

    /** Records a proposal at most once per case, episode and action; the id when it is new. */
    public Optional<UUID> propose(CaseFile file, String action, Instant at) {
        UUID id = UUID.randomUUID();
        int inserted = em.createNativeQuery("""
                INSERT INTO standing_proposal (id, case_id, episode, action, proposed_at)
                VALUES (:id, :case, :episode, :action, :at) ON CONFLICT DO NOTHING
                """)
                .setParameter("id", id).setParameter("case", file.id).setParameter("episode", file.episode)
                .setParameter("action", action).setParameter("at", at)
                .executeUpdate();
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    public List<Escalation> escalations(UUID caseId) {
        return Row.list(em.createNativeQuery("""
                SELECT episode, level, from_org_id, to_org_id, reason, due_at, as_of FROM case_escalation
                WHERE case_id = :id ORDER BY episode, level
                """, Tuple.class).setParameter("id", caseId),
                r -> new Escalation(r.integer("episode"), r.integer("level"), r.uuid("from_org_id"), r.uuid("to_org_id"),
                        r.string("reason"), r.instant("due_at"), r.instant("as_of")));
    }

    public List<StandingProposal> proposals(UUID caseId) {
        return Row.list(em.createNativeQuery("""
                SELECT id, episode, action, proposed_at FROM standing_proposal WHERE case_id = :id
                ORDER BY proposed_at, action
                """, Tuple.class).setParameter("id", caseId),
                r -> new StandingProposal(r.uuid("id"), r.integer("episode"), r.string("action"), r.instant("proposed_at")));
    }
}
