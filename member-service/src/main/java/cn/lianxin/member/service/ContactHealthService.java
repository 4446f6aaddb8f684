package cn.lianxin.member.service;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import cn.lianxin.contracts.DeliveryErrors;
import cn.lianxin.member.config.ContactHealthConfig;
import cn.lianxin.member.domain.ContactDetail;
import cn.lianxin.member.domain.ContactVerification;
import cn.lianxin.member.domain.ContactVerification.Assessment;
import cn.lianxin.member.domain.ContactVerification.Reason;
import cn.lianxin.member.domain.Member;
import cn.lianxin.member.domain.Org;
import cn.lianxin.member.messaging.ContactFailures;
import cn.lianxin.member.messaging.NotificationFailed;
import cn.lianxin.member.repository.ContactHealthRepository;
import cn.lianxin.member.repository.MemberRepository;
import cn.lianxin.member.service.MemberViews.ContactHealthView;
import cn.lianxin.member.service.MemberViews.FailingDetail;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.outbox.Outbox;

/**
 * Contact-data health (联系方式核实, docs/domain.md §7): deliveries that failed flag the member's detail of that channel;
 * a secretary, an 组织员 or the member's liaison confirms the details (clearing every flag); the members of a subtree
 * whose details must be verified are listed.
 */
@ApplicationScoped
@Transactional
public class ContactHealthService implements ContactFailures {

    private static final Logger LOG = Logger.getLogger(ContactHealthService.class);

    /** The members of a subtree whose contact details must be verified, as of {@code asOf}. */
    public record ContactDueList(Instant asOf, Period unconfirmedAfter, List<ContactDue> items, int page, int size,
            long total) {
    }

    /** One member whose contact details must be verified, and why. */
    public record ContactDue(UUID memberId, String name, UUID orgId, List<Reason> reasons, List<FailingDetail> failing,
            Instant confirmedAt) {
    }

    private final MemberRepository members;
    private final MemberAccess access;
    private final ContactHealthRepository health;
    private final ContactHealthPolicy policy;
    private final ContactHealthConfig config;
    private final Outbox outbox;
    private final Clock clock;

    public ContactHealthService(MemberRepository members, MemberAccess access, ContactHealthRepository health,
            ContactHealthPolicy policy, ContactHealthConfig config, Outbox outbox, Clock clock) {
        this.members = members;
        this.access = access;
        this.health = health;
        this.policy = policy;
        this.config = config;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * A notification to a registered member's own address failed on a channel because of the address: that detail
     * (SMS the phone, EMAIL the e-mail, WECHAT the WeChat id) is failing, whether or not another channel is tried next.
     * Not about a member of the register, not to the register's address, or not an address error
     * ({@link ContactVerification#flagsRegisteredDetail}): nothing to flag.
     */
    @Override
    @Transactional(TxType.MANDATORY)
    public void apply(NotificationFailed failure) {
        UUID memberId = failure.recipientMemberId();
        ContactDetail detail = ContactDetail.ofChannel(failure.channel());
        if (memberId == null || detail == null || failure.failedAt() == null || !ContactVerification
                .flagsRegisteredDetail(failure.recipientRole(), failure.sourceEventType(),
                        DeliveryErrors.addressRefused(failure.errorCode()))) {
            return;
        }
        Member member = members.findById(memberId);
        if (member == null) {
            return;
        }
        if (member.flagFailing(detail, failure.failedAt(), failure.errorCode())) {
            LOG.infof("Member %s: %s flagged as failing (%s, notification %s)", member.id, detail, failure.errorCode(),
                    failure.notificationId());
        }
    }

    /**
     * 联系方式核实: the caller confirmed the member's contact details; every failing flag is cleared; audited; and
     * ContactDetailsConfirmed goes out in the same transaction (tracking-service's loss-risk score drops its
     * "unconfirmed" signal).
     */
    public ContactHealthView confirm(UUID memberId) {
        Member member = access.member(memberId);
        List<ContactDetail> cleared = new ArrayList<>(member.failingDetails().keySet());
        Instant now = clock.instant();
        String user = access.userId();
        member.confirmContacts(now, user);
        member.touch(now, user);
        health.insertConfirmation(member.id, user, now, cleared);
        outbox.append(MemberEvents.CONTACT_DETAILS_CONFIRMED, member.id, new MemberEvents.ContactDetailsConfirmed(
                member.id, member.orgId, now, cleared.stream().map(Enum::name).toList()));
        return policy.view(member);
    }

    /** The members of the subtree (in good standing, in the register) whose contact details must be verified. */
    @Transactional(TxType.SUPPORTS)
    public ContactDueList due(UUID orgId, Instant asOf, PageRequest page) {
        Org org = access.org(orgId);
        Instant at = asOf != null ? asOf : clock.instant();
        Instant cutoff = policy.cutoff(at);
        List<ContactDue> items = health.due(org.path, cutoff, page).stream().map(m -> {
            Assessment verdict = policy.assess(m.health().failing(), m.health().registeredAt(), m.health().confirmedAt(), at);
            return new ContactDue(m.memberId(), m.name(), m.orgId(), verdict.reasons(),
                    ContactHealthPolicy.failing(m.health().failing()), m.health().confirmedAt());
        }).toList();
        return new ContactDueList(at, config.unconfirmedAfter(), items, page.page, page.size, health.countDue(org.path, cutoff));
    }
}
