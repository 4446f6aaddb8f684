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
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.lianxin.notification.config.NotificationConfig;
import cn.lianxin.notification.domain.Channel;
import cn.lianxin.notification.domain.DigestWindow;
import cn.lianxin.notification.domain.PendingDelivery;
import cn.lianxin.notification.domain.RecipientRole;
import cn.lianxin.notification.recipients.MemberRecipient;
import cn.lianxin.notification.recipients.RecipientProjection;
import cn.lianxin.notification.repository.NotificationRepository;
import cn.lianxin.notification.repository.NotificationRepository.NewNotification;
import cn.lianxin.notification.routing.PlannedNotification;
import cn.lianxin.notification.routing.Recipient;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.observability.Traceparent;
import cn.lianxin.platform.orgs.OrgProjection;

/**
 * Puts routed notifications into the delivery schedule, in the consumer's transaction. The unique
 * constraint (source event, recipient, channel) makes a redelivered or replayed event a no-op here too.
 */
@ApplicationScoped
public class NotificationRecorder {

    private final NotificationRepository repository;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final NotificationConfig config;
    private final OrgProjection orgs;
    private final RecipientProjection recipients;

    private final NotificationConfig.Digest digests;
    private final DigestWindow window;

    public NotificationRecorder(NotificationRepository repository, ObjectMapper mapper, Clock clock, NotificationConfig config,
            OrgProjection orgs, RecipientProjection recipients) {
        this.digests = config.digest();
        this.window = new DigestWindow(config.digest().sendAt(), config.digest().zone());
        this.repository = repository;
        this.mapper = mapper;
        this.clock = clock;
        this.config = config;
        this.orgs = orgs;
        this.recipients = recipients;
    }

    /** @return how many notifications were newly scheduled (or held for a digest) */
    @Transactional(TxType.MANDATORY)
    public int record(IncomingEvent event, List<PlannedNotification> planned) {
        return store(plan(event, planned));
    }

    /**
     * The rows that schedule {@code planned} (each due now, or held for the digest window that closes after now: a
     * member hears about themselves at once, staff get one digest per kind and window), not stored yet: a batch of
     * events stores its rows together ({@link #store}).
     */
    @Transactional(TxType.MANDATORY)
    public List<NewNotification> plan(IncomingEvent event, List<PlannedNotification> planned) {
        Instant now = clock.instant();
        Instant heldUntil = digests.enabled() && !digests.urgent().contains(event.name()) ? window.closesAfter(now) : null;
        List<NewNotification> rows = new ArrayList<>(planned.size());
        for (PlannedNotification notification : planned) {
            List<Channel> chain = chain(notification.recipient().preferred(), notification.recipient().addresses());
            String path = notification.memberId() == null ? null
                    : recipients.member(notification.memberId()).map(MemberRecipient::orgPath).orElse(null);
            if (path == null) {
                path = orgs.pathOf(notification.orgId()).orElse(null);
            }
            boolean held = heldUntil != null && notification.recipient().role() != RecipientRole.MEMBER;
            rows.add(row(event, notification, path, chain, held ? heldUntil : null, now));
        }
        return rows;
    }

    /**
     * Puts the rows into the schedule; the unique constraint (source event, recipient, channel) leaves out those of a
     * redelivered or replayed event.
     *
     * @return how many were newly scheduled
     */
    @Transactional(TxType.MANDATORY)
    public int store(List<NewNotification> rows) {
        return rows.isEmpty() ? 0 : repository.insertAll(rows);
    }

    /** The fallback: the same notification on the next channel of the chain, due now. */
    @Transactional(TxType.MANDATORY)
    public void scheduleFallback(PendingDelivery failed) {
        List<Channel> rest = failed.nextChannels();
        if (rest.isEmpty()) {
            return;
        }
        repository.insertFallback(UUID.randomUUID(), failed.id(), rest.get(0), join(rest.subList(1, rest.size())),
                clock.instant());
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

    private NewNotification row(IncomingEvent event, PlannedNotification n, String path, List<Channel> chain,
            Instant heldUntil, Instant now) {
        Channel first = chain.get(0);
        Recipient recipient = n.recipient();
        return new NewNotification(UUID.randomUUID(), event.id(), event.type(), n.kind().key(), n.memberId(), n.caseId(),
                n.orgId(), path, recipient.key(), recipient.role(), recipient.orgId(), recipient.memberId(),
                recipient.name(), first, recipient.addresses().get(first), mapper.valueToTree(recipient.addresses()),
                join(chain.subList(1, chain.size())), mapper.valueToTree(n.model()), heldUntil,
                // the consumed event's span: the notification ends that event's trace
                Traceparent.currentOrNull(), now);
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
