package cn.lianxin.cases.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import cn.lianxin.cases.domain.Decision;
import cn.lianxin.cases.domain.FollowUp;
import cn.lianxin.cases.domain.SearchAttempt;
import cn.lianxin.cases.domain.TimelineEntry;

/** What a case file accumulates (一人一档): search attempts, decisions, follow-ups and the timeline. */
@ApplicationScoped
public class CaseHistory {

    private final EntityManager em;

    public CaseHistory(EntityManager em) {
        this.em = em;
    }

    public void add(SearchAttempt attempt) {
        em.persist(attempt);
    }

    public void add(Decision decision) {
        em.persist(decision);
    }

    public void add(FollowUp followUp) {
        em.persist(followUp);
    }

    public void add(TimelineEntry entry) {
        em.persist(entry);
    }

    /** In the order they were made, then recorded. */
    public List<SearchAttempt> attempts(UUID caseId) {
        return em.createQuery("from SearchAttempt where caseId = ?1 order by at, recordedAt", SearchAttempt.class)
                .setParameter(1, caseId).getResultList();
    }

    /** In the order they were taken. */
    public List<Decision> decisions(UUID caseId) {
        return em.createQuery("from Decision where caseId = ?1 order by decidedAt", Decision.class)
                .setParameter(1, caseId).getResultList();
    }

    /** Every episode's plan, in order. */
    public List<FollowUp> followUps(UUID caseId) {
        return em.createQuery("from FollowUp where caseId = ?1 order by episode, no", FollowUp.class)
                .setParameter(1, caseId).getResultList();
    }

    /** The next follow-up of the episode's plan not yet done. */
    public Optional<FollowUp> nextFollowUp(UUID caseId, int episode) {
        return em.createQuery("from FollowUp where caseId = ?1 and episode = ?2 and doneAt is null order by no",
                FollowUp.class).setParameter(1, caseId).setParameter(2, episode).setMaxResults(1)
                .getResultStream().findFirst();
    }

    /** How many follow-ups the episode's plan holds, and how many of them are not yet done. */
    public long followUpsPlanned(UUID caseId, int episode) {
        return em.createQuery("select count(u) from FollowUp u where u.caseId = ?1 and u.episode = ?2", Long.class)
                .setParameter(1, caseId).setParameter(2, episode).getSingleResult();
    }

    public long followUpsPending(UUID caseId, int episode) {
        return em.createQuery("select count(u) from FollowUp u where u.caseId = ?1 and u.episode = ?2 and u.doneAt is null",
                Long.class).setParameter(1, caseId).setParameter(2, episode).getSingleResult();
    }

    /** The case's timeline in order (entries of one instant in the order they were written). */
    public List<TimelineEntry> timeline(UUID caseId) {
        return em.createQuery("from TimelineEntry where caseId = ?1 order by at, id", TimelineEntry.class)
                .setParameter(1, caseId).getResultList();
    }
}
