package cn.lianxin.notification.routing;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.lianxin.notification.domain.RecipientRole;
import cn.lianxin.notification.recipients.MemberRecipient;
import cn.lianxin.notification.recipients.Person;
import cn.lianxin.notification.recipients.RecipientProjection;
import cn.lianxin.platform.orgs.OrgProjection;
import cn.lianxin.platform.orgs.OrgSnapshot;

/** Looks people up in the projections: at routing time, and again at delivery when nobody was known yet. */
@ApplicationScoped
public class RecipientDirectory {

    private final OrgProjection orgs;
    private final RecipientProjection recipients;

    public RecipientDirectory(OrgProjection orgs, RecipientProjection recipients) {
        this.orgs = orgs;
        this.recipients = recipients;
    }

    /** The secretary (书记) of an org; an org not (yet) projected gives a recipient without addresses. */
    public Recipient secretaryOf(UUID orgId) {
        return Recipient.of(RecipientRole.SECRETARY, orgId,
                person(orgs.find(orgId).map(OrgSnapshot.View::secretary).orElse(null)), null);
    }

    /**
     * The 组织委员 of an org, who does its organizational work (the 组织员 who approves as ORG_ADMIN); the org's
     * secretary when it names no organizer with an address.
     */
    public Recipient organizerOf(UUID orgId) {
        Recipient organizer = Recipient.of(RecipientRole.ORGANIZER, orgId,
                person(orgs.find(orgId).map(OrgSnapshot.View::organizer).orElse(null)), null);
        return organizer.addresses().isEmpty() ? secretaryOf(orgId) : organizer;
    }

    private static Person person(OrgSnapshot.Contact contact) {
        return contact == null ? null : new Person(null, contact.name(), contact.phone(), contact.wechat(), contact.email());
    }

    /**
     * The recipient as the projections know them now: the secretary of {@code orgId}, or the registered
     * member {@code memberId} (a member, or a liaison who is a member). Empty when still unknown.
     */
    public Optional<Recipient> current(RecipientRole role, UUID orgId, UUID memberId) {
        return switch (role) {
            case SECRETARY -> orgId == null ? Optional.empty() : Optional.of(secretaryOf(orgId)).filter(r -> !r.addresses().isEmpty());
            case ORGANIZER -> orgId == null ? Optional.empty() : Optional.of(organizerOf(orgId)).filter(r -> !r.addresses().isEmpty());
            case MEMBER, LIAISON -> memberId == null ? Optional.empty()
                    : recipients.member(memberId).filter(m -> !m.self().name().isBlank())
                            .map(m -> Recipient.of(role, orgId, m.self(), m.preferredChannel()))
                            .filter(r -> !r.addresses().isEmpty());
        };
    }

    public Optional<String> pathOf(UUID orgId) {
        return orgs.pathOf(orgId);
    }

    Optional<MemberRecipient> member(UUID memberId) {
        return recipients.member(memberId);
    }
}
