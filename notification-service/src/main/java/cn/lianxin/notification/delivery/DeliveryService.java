package cn.lianxin.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

import cn.lianxin.notification.card.CardAttachments;
import cn.lianxin.notification.channel.Attachment;
import cn.lianxin.notification.channel.Channels;
import cn.lianxin.notification.channel.DeliveryException;
import cn.lianxin.notification.channel.OutgoingMessage;
import cn.lianxin.notification.config.NotificationConfig;
import cn.lianxin.notification.domain.Channel;
import cn.lianxin.notification.domain.ErrorCode;
import cn.lianxin.notification.domain.PendingDelivery;
import cn.lianxin.notification.routing.RecipientDirectory;
import cn.lianxin.notification.selfcheckin.SelfCheckInLinks;
import cn.lianxin.notification.template.RenderedMessage;
import cn.lianxin.notification.template.TemplateService;
import cn.lianxin.platform.observability.Traceparent;

/**
 * Delivers one due notification per transaction: quiet hours defer SMS/WeChat (never drop them); a failure is
 * retried with exponential back-off; when the channel is exhausted the notification is FAILED, the next
 * channel of the recipient's chain is scheduled and NotificationFailed is emitted; success emits
 * NotificationDelivered. Every attempt is recorded, and counted in {@value #DELIVERIES_METRIC} by {@code channel} and
 * {@code outcome} ({@code sent}, or {@code failed} whether retried later or given up): Prometheus
 * {@code lianxin_deliveries_total}, which the failed-deliveries alert watches.
 */
@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);
    public static final String DELIVERIES_METRIC = "lianxin.deliveries";

    private final DeliverySchedule schedule;
    private final NotificationRecorder recorder;
    private final NotificationEvents events;
    private final TemplateService templates;
    private final Channels channels;
    private final RecipientDirectory directory;
    private final CardAttachments cards;
    private final SelfCheckInLinks selfCheckIn;
    private final Clock clock;
    private final QuietHours quietHours;
    private final Backoff backoff;
    private final int maxAttempts;
    private final MeterRegistry registry;
    private final Tracer tracer;

    public DeliveryService(DeliverySchedule schedule, NotificationRecorder recorder, NotificationEvents events,
            TemplateService templates, Channels channels, RecipientDirectory directory, CardAttachments cards,
            SelfCheckInLinks selfCheckIn, Clock clock, NotificationConfig config, MeterRegistry registry, Tracer tracer) {
        this.selfCheckIn = selfCheckIn;
        this.registry = registry;
        this.tracer = tracer;
        this.directory = directory;
        this.cards = cards;
        this.schedule = schedule;
        this.recorder = recorder;
        this.events = events;
        this.templates = templates;
        this.channels = channels;
        this.clock = clock;
        this.quietHours = new QuietHours(config.quietHours().start(), config.quietHours().end());
        this.backoff = new Backoff(config.retry().initialBackoff(), config.retry().maxBackoff());
        this.maxAttempts = Math.max(1, config.retry().maxAttempts());
    }

    /** @return false when nothing was due */
    @Transactional
    public boolean deliverNextDue() {
        Instant now = clock.instant();
        Optional<PendingDelivery> due = schedule.claimNextDue(now);
        if (due.isEmpty()) {
            return false;
        }
        PendingDelivery n = due.get();
        // in the trace of the event that planned it: NotificationDelivered/Failed end that trace
        Span span = tracer.spanBuilder("deliver " + n.channel())
                .setParent(Traceparent.parent(n.traceparent()))
                .setAttribute("lianxin.notification.id", n.id().toString())
                .startSpan();
        try (Scope scope = span.makeCurrent()) {
            deliver(n, now);
        } finally {
            span.end();
        }
        return true;
    }

    private void deliver(PendingDelivery n, Instant now) {
        schedule.fillPathIfMissing(n.id());
        if (n.address() == null || n.address().isBlank()) {
            n = resolveLateRecipient(n);
        }
        if (n.channel().respectsQuietHours() && quietHours.contains(now)) {
            schedule.defer(n.id(), quietHours.endAfter(now));
            return;
        }
        int attempt = n.attempts() + 1;
        try {
            send(n, now);
            count(n.channel(), "sent");
            schedule.delivered(n.id(), attempt, now);
            events.delivered(n, attempt, now);
        } catch (DeliveryException e) {
            LOG.debugf("notification %s on %s, attempt %d: %s", n.id(), n.channel(), attempt, e.getMessage());
            count(n.channel(), "failed");
            if (e.retryable() && n.attemptsThisRound() + 1 < maxAttempts) {
                schedule.retryLater(n.id(), attempt, now, now.plus(backoff.after(n.attemptsThisRound() + 1)), e, n.address());
            } else {
                schedule.failed(n.id(), attempt, now, e, n.address());
                Channel next = null;
                if (e.fallback()) { // else no other channel could send it either: the chain ends here
                    recorder.scheduleFallback(n);
                    List<Channel> rest = n.nextChannels();
                    next = rest.isEmpty() ? null : rest.get(0);
                }
                events.failed(n, attempt, now, e, next);
            }
        }
    }

    private void count(Channel channel, String outcome) {
        registry.counter(DELIVERIES_METRIC, "channel", channel.name(), "outcome", outcome).increment();
    }

    /** Events about a member and org events travel on different keys: the recipient may only be known now. */
    private PendingDelivery resolveLateRecipient(PendingDelivery n) {
        return directory.current(n.role(), n.recipientOrgId(), n.recipientMemberId())
                .flatMap(recipient -> schedule.resolved(n, recipient,
                        recorder.chain(recipient.preferred(), recipient.addresses()), recorder.json(recipient.addresses())))
                .orElse(n);
    }

    private void send(PendingDelivery n, Instant now) throws DeliveryException {
        OutgoingMessage message = message(n, now);
        try {
            channels.of(n.channel()).send(message);
        } catch (RuntimeException e) { // a channel bug must not block the schedule: count it as a failed attempt
            throw new DeliveryException(ErrorCode.OTHER, true, n.channel() + ": " + e, e);
        }
    }

    private OutgoingMessage message(PendingDelivery n, Instant now) throws DeliveryException {
        if (n.address() == null || n.address().isBlank()) {
            // Retried with back-off: the recipient's org or profile may still reach this service.
            throw new DeliveryException(ErrorCode.NO_ADDRESS, true, "the recipient has no address (not known yet?)");
        }
        RenderedMessage rendered;
        try {
            // a 报平安 link is signed into the text here, never stored: the same claims give the same link on every attempt
            rendered = templates.render(n.templateKey(), selfCheckIn.withLink(n.model(), now));
        } catch (SelfCheckInLinks.Unavailable e) { // expired, or no key: final, and no other channel would do better
            throw new DeliveryException(ErrorCode.TEMPLATE_ERROR, false, false, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new DeliveryException(ErrorCode.TEMPLATE_ERROR, false, "template " + n.templateKey() + ": " + e.getMessage(), e);
        }
        return new OutgoingMessage(n.id(), n.address(), n.templateKey(), rendered.subject(), rendered.body(), attachments(n));
    }

    /** E-mail carries the 联心卡 as a picture; SMS and WeChat carry its text only. */
    private List<Attachment> attachments(PendingDelivery n) throws DeliveryException {
        if (n.channel() != Channel.EMAIL) {
            return List.of();
        }
        try {
            return cards.of(n.model());
        } catch (RuntimeException e) { // not retryable: the next channel still carries the card's text
            throw new DeliveryException(ErrorCode.TEMPLATE_ERROR, false, "联心卡 image: " + e.getMessage(), e);
        }
    }
}
