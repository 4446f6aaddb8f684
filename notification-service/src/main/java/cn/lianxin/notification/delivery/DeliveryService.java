package cn.lianxin.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import cn.lianxin.notification.card.CardAttachments;
import cn.lianxin.notification.channel.Attachment;
import cn.lianxin.notification.channel.Channels;
import cn.lianxin.notification.channel.DeliveryException;
import cn.lianxin.notification.channel.OutgoingMessage;
import cn.lianxin.notification.config.NotificationConfig;
import cn.lianxin.notification.domain.Channel;
import cn.lianxin.notification.domain.ErrorCode;
import cn.lianxin.notification.routing.RecipientDirectory;
import cn.lianxin.notification.template.RenderedMessage;
import cn.lianxin.notification.template.TemplateService;

/**
 * Delivers one due notification per transaction: quiet hours defer SMS/WeChat (never drop them); a failure is
 * retried with exponential back-off; when the channel is exhausted the notification is FAILED, the next
 * channel of the recipient's chain is scheduled and NotificationFailed is emitted; success emits
 * NotificationDelivered. Every attempt is recorded.
 */
@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);

    private final DeliverySchedule schedule;
    private final NotificationRecorder recorder;
    private final NotificationEvents events;
    private final TemplateService templates;
    private final Channels channels;
    private final RecipientDirectory directory;
    private final CardAttachments cards;
    private final Clock clock;
    private final QuietHours quietHours;
    private final Backoff backoff;
    private final int maxAttempts;

    public DeliveryService(DeliverySchedule schedule, NotificationRecorder recorder, NotificationEvents events,
            TemplateService templates, Channels channels, RecipientDirectory directory, CardAttachments cards,
            Clock clock, NotificationConfig config) {
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
        schedule.fillPathIfMissing(n.id());
        if (n.address() == null || n.address().isBlank()) {
            n = resolveLateRecipient(n);
        }
        if (n.channel().respectsQuietHours() && quietHours.contains(now)) {
            schedule.defer(n.id(), quietHours.endAfter(now));
            return true;
        }
        int attempt = n.attempts() + 1;
        try {
            send(n);
            schedule.delivered(n.id(), attempt, now);
            events.delivered(n, attempt, now);
        } catch (DeliveryException e) {
            LOG.debugf("notification %s on %s, attempt %d: %s", n.id(), n.channel(), attempt, e.getMessage());
            if (e.retryable() && n.attemptsThisRound() + 1 < maxAttempts) {
                schedule.retryLater(n.id(), attempt, now, now.plus(backoff.after(n.attemptsThisRound() + 1)), e, n.address());
            } else {
                schedule.failed(n.id(), attempt, now, e, n.address());
                recorder.scheduleFallback(n);
                List<Channel> rest = n.nextChannels();
                events.failed(n, attempt, now, e, rest.isEmpty() ? null : rest.get(0));
            }
        }
        return true;
    }

    /** Events about a member and org events travel on different keys: the recipient may only be known now. */
    private PendingDelivery resolveLateRecipient(PendingDelivery n) {
        return directory.current(n.role(), n.recipientOrgId(), n.recipientMemberId())
                .flatMap(recipient -> schedule.resolved(n, recipient,
                        recorder.chain(recipient.preferred(), recipient.addresses()), recorder.json(recipient.addresses())))
                .orElse(n);
    }

    private void send(PendingDelivery n) throws DeliveryException {
        OutgoingMessage message = message(n);
        try {
            channels.of(n.channel()).send(message);
        } catch (RuntimeException e) { // a channel bug must not block the schedule: count it as a failed attempt
            throw new DeliveryException(ErrorCode.OTHER, true, n.channel() + ": " + e, e);
        }
    }

    private OutgoingMessage message(PendingDelivery n) throws DeliveryException {
        if (n.address() == null || n.address().isBlank()) {
            // Retried with back-off: the recipient's org or profile may still reach this service.
            throw new DeliveryException(ErrorCode.NO_ADDRESS, true, "the recipient has no address (not known yet?)");
        }
        RenderedMessage rendered;
        try {
            rendered = templates.render(n.templateKey(), n.model());
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
