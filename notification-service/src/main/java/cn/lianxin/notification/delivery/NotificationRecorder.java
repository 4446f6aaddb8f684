package cn.lianxin.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.lianxin.notification.config.NotificationConfig;
import cn.lianxin.notification.domain.Channel;
import cn.lianxin.notification.domain.DigestWindow;
import cn.lianxin.notification.domain.RecipientRole;
import cn.lianxin.notification.recipients.MemberRecipient;
import cn.lianxin.notification.recipients.RecipientProjection;
import cn.lianxin.notification.routing.PlannedNotification;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.orgs.OrgProjection;

/**
 * Puts routed notifications into the delivery schedule, in the consumer's transaction. The unique
 * constraint (source event, recipient, channel) makes a redelivered or replayed event a no-op here too.
 */
@ApplicationScoped
public class NotificationRecorder {

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final NotificationConfig config;
    private final OrgProjection orgs;
    private final RecipientProjection recipients;

    private final NotificationConfig.Digest digests;
    private final DigestWindow window;

    public NotificationRecorder(EntityManager em, ObjectMapper mapper, Clock clock, NotificationConfig config,
            OrgProjection orgs, RecipientProjection recipients) {
        this.digests = config.digest();
        this.window = new DigestWindow(config.digest().sendAt(), config.digest().zone());
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
        this.config = config;
        this.orgs = orgs;
        this.recipients = recipients;
    }

    /** @return how many notifications were newly scheduled (or held for a digest) */
    @Transactional(TxType.MANDATORY)
    public int record(IncomingEvent event, List<PlannedNotification> planned) {
        int scheduled = 0;
        Instant heldUntil = digests.enabled() && !digests.urgent().contains(event.name())
                ? window.closesAfter(clock.instant()) : null;
        for (PlannedNotification notification : planned) {
            List<Channel> chain = chain(notification.recipient().preferred(), notification.recipient().addresses());
            String path = notification.memberId() == null ? null
                    : recipients.member(notification.memberId()).map(MemberRecipient::orgPath).orElse(null);
            if (path == null) {
                path = orgs.pathOf(notification.orgId()).orElse(null);
            }
            // A member hears about themselves at once; staff get one digest per kind and window.
            boolean held = heldUntil != null && notification.recipient().role() != RecipientRole.MEMBER;
            scheduled += insert(event, notification, path, chain, held ? heldUntil : null);
        }
        return scheduled;
    }

    /** The fallback: the same notification on the next channel of the chain, due now. */
    @Transactional(TxType.MANDATORY)
    public void scheduleFallback(PendingDelivery failed) {
        List<Channel> rest = failed.nextChannels();
        if (rest.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                INSERT INTO notification (id, source_event_id, source_event_type, template_key, member_id, case_id, org_id,
                    org_path, recipient_key, recipient_role, recipient_org_id, recipient_member_id, recipient_name, channel,
                    address, recipient_addresses, next_channels, fallback, model, status, attempts, next_attempt_at, created_at,
                    digest_id)
                SELECT :id, source_event_id, source_event_type, template_key, member_id, case_id, org_id, org_path,
                    recipient_key, recipient_role, recipient_org_id, recipient_member_id, recipient_name, :channel,
                    recipient_addresses ->> :channel, recipient_addresses, :next, true, model, 'PENDING', 0, :now, :now,
                    digest_id
                FROM notification WHERE id = :failed
                ON CONFLICT ON CONSTRAINT notification_once_per_event_recipient_channel DO NOTHING
                """)
                .setParameter("id", UUID.randomUUID())
                .setParameter("channel", rest.get(0).name())
                .setParameter("next", join(rest.subList(1, rest.size())))
                .setParameter("now", clock.instant())
                .setParameter("failed", failed.id())
                .executeUpdate();
    }

    /**
     * The preferred channel first, then the configured order, keeping only channels the recipient has an
     * address for; with no address at all, the first channel (its delivery fails as NO_ADDRESS, visibly).
     */
    public List<Channel> chain(Channel preferred, Map<Channel, String> addresses) {
        Set<Channel> order = new LinkedHashSet<>();
        if (preferred != null) {
            order.add(preferred);
        }
        order.addAll(config.channelOrder());
        List<Channel> reachable = new ArrayList<>(order.stream().filter(addresses::containsKey).toList());
        return reachable.isEmpty() ? List.of(order.iterator().next()) : reachable;
    }

    private int insert(IncomingEvent event, PlannedNotification n, String path, List<Channel> chain, Instant heldUntil) {
        Channel first = chain.get(0);
        return em.createNativeQuery("""
                INSERT INTO notification (id, source_event_id, source_event_type, template_key, member_id, case_id, org_id,
                    org_path, recipient_key, recipient_role, recipient_org_id, recipient_member_id, recipient_name, channel,
                    address, recipient_addresses, next_channels, fallback, model, status, attempts, next_attempt_at, created_at,
                    digest_due_at)
                VALUES (:id, :eventId, :eventType, :template, :member, :case, :org, :path, :recipientKey, :role,
                    :recipientOrg, :recipientMember, :recipientName, :channel, :address, CAST(:addresses AS jsonb), :next,
                    false, CAST(:model AS jsonb), CASE WHEN :held THEN 'HELD' ELSE 'PENDING' END, 0,
                    CASE WHEN :held THEN CAST(NULL AS timestamptz) ELSE CAST(:now AS timestamptz) END, :now,
                    CASE WHEN :held THEN CAST(:heldUntil AS timestamptz) END)
                ON CONFLICT ON CONSTRAINT notification_once_per_event_recipient_channel DO NOTHING
                """)
                .setParameter("id", UUID.randomUUID())
                .setParameter("eventId", event.id())
                .setParameter("eventType", event.type())
                .setParameter("template", n.kind().key())
                .setParameter("member", n.memberId())
                .setParameter("case", n.caseId())
                .setParameter("org", n.orgId())
                .setParameter("path", path)
                .setParameter("recipientKey", n.recipient().key())
                .setParameter("role", n.recipient().role().name())
                .setParameter("recipientOrg", n.recipient().orgId())
                .setParameter("recipientMember", n.recipient().memberId())
                .setParameter("recipientName", n.recipient().name())
                .setParameter("channel", first.name())
                .setParameter("address", n.recipient().addresses().get(first))
                .setParameter("addresses", json(n.recipient().addresses()))
                .setParameter("next", join(chain.subList(1, chain.size())))
                .setParameter("model", json(n.model()))
                .setParameter("now", clock.instant())
                .setParameter("held", heldUntil != null)
                .setParameter("heldUntil", heldUntil == null ? clock.instant() : heldUntil)
                .executeUpdate();
    }

    private static String join(List<Channel> channels) {
        return channels.stream().map(Channel::name).collect(Collectors.joining(","));
    }

    public String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
