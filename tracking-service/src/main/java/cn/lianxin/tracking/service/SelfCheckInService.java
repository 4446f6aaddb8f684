package cn.lianxin.tracking.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import cn.lianxin.tracking.domain.SelfCheckInLink;
import cn.lianxin.tracking.domain.SelfCheckInLink.Claims;
import cn.lianxin.tracking.domain.SelfCheckInLink.Valid;
import cn.lianxin.tracking.domain.SelfCheckInLink.Verdict;
import cn.lianxin.tracking.repository.MemberRepository;
import cn.lianxin.tracking.repository.SelfCheckInRepository;

/**
 * 报平安 by signed link (docs/domain.md §7): looking at a link records nothing (mail scanners open links); confirming it
 * records one REACHED {@code SELF_CHECK_IN} contact for the link's member and marks the link used, in one transaction.
 * A link is used once, ever.
 */
@ApplicationScoped
@Transactional
public class SelfCheckInService {

    private static final Logger LOG = Logger.getLogger(SelfCheckInService.class);

    /** What the member's page says. */
    public enum Page {
        /** A valid link, not used yet: the page asks to confirm. */
        CONFIRM,
        /** Recorded now. */
        DONE,
        /** Used before, on {@code usedAt}. */
        ALREADY_USED,
        EXPIRED,
        /** Bad signature or claims, unknown member, or the feature is off: no detail. */
        INVALID
    }

    public record Answer(Page page, Instant usedAt) {

        static Answer of(Page page) {
            return new Answer(page, null);
        }
    }

    private final SelfCheckInLinks links;
    private final SelfCheckInRepository used;
    private final MemberRepository members;
    private final ContactService contacts;
    private final Clock clock;

    public SelfCheckInService(SelfCheckInLinks links, SelfCheckInRepository used, MemberRepository members,
            ContactService contacts, Clock clock) {
        this.links = links;
        this.used = used;
        this.members = members;
        this.contacts = contacts;
        this.clock = clock;
    }

    /** The page of a link: records nothing. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Answer look(String token) {
        Judged judged = judge(token);
        return judged.answer() != null ? judged.answer() : Answer.of(Page.CONFIRM);
    }

    /** The member confirmed: one contact, the link used; a second confirmation changes nothing. */
    public Answer confirm(String token) {
        Judged judged = judge(token);
        if (judged.answer() != null) {
            return judged.answer();
        }
        Valid link = judged.link();
        Instant now = clock.instant();
        UUID contactId = UUID.randomUUID();
        if (!used.claim(link.jti(), link.memberId(), contactId, now, link.expiresAt())) {
            // another confirmation of the same link committed first
            return new Answer(Page.ALREADY_USED, used.usedAt(link.jti()).orElse(now));
        }
        contacts.recordSelfCheckInLink(contactId, link.memberId(), now);
        // not the link's jti: whoever reads the logs must not be able to tell links apart
        LOG.infof("Self check-in link used: contact %s recorded", contactId);
        return new Answer(Page.DONE, now);
    }

    private record Judged(Valid link, Answer answer) {
    }

    private Judged judge(String token) {
        Optional<Claims> claims = links.verify(token);
        if (claims.isEmpty()) {
            return new Judged(null, Answer.of(Page.INVALID));
        }
        Verdict verdict = SelfCheckInLink.judge(claims.get(), clock.instant());
        if (verdict == Verdict.INVALID) {
            return new Judged(null, Answer.of(Page.INVALID));
        }
        Valid link = SelfCheckInLink.valid(claims.get());
        if (members.find(link.memberId()).isEmpty()) {
            return new Judged(null, Answer.of(Page.INVALID));
        }
        Optional<Instant> usedAt = used.usedAt(link.jti());
        if (usedAt.isPresent()) {
            return new Judged(null, new Answer(Page.ALREADY_USED, usedAt.get()));
        }
        if (verdict == Verdict.EXPIRED) {
            return new Judged(null, Answer.of(Page.EXPIRED));
        }
        return new Judged(link, null);
    }
}
