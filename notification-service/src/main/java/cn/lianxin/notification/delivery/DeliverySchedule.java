package cn.lianxin.notification.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import cn.lianxin.notification.channel.DeliveryException;
import cn.lianxin.notification.domain.Channel;
import cn.lianxin.notification.domain.PendingDelivery;
import cn.lianxin.notification.repository.DeliveryRepository;
import cn.lianxin.notification.repository.DeliveryRepository.ResolvedRecipient;
import cn.lianxin.notification.routing.Recipient;

/** The persisted delivery schedule: PENDING notifications by next_attempt_at, and their attempts. */
@ApplicationScoped
public class DeliverySchedule {

    private final DeliveryRepository repository;

    public DeliverySchedule(DeliveryRepository repository) {
        this.repository = repository;
    }

    /** Locks the next due notification; other instances skip it (several dispatchers share the work). */
    @Transactional(TxType.MANDATORY)
    public Optional<PendingDelivery> claimNextDue(Instant now) {
        return repository.lockNextDue(now);
    }

    /**
     * The recipient was unknown when the event arrived (its org or profile had not reached this service yet)
     * and is known now: give the notification their name, addresses and channel chain.
     */
    @Transactional(TxType.MANDATORY)
    public Optional<PendingDelivery> resolved(PendingDelivery n, Recipient recipient, List<Channel> chain, String addressesJson) {
        repository.resolve(n.id(), new ResolvedRecipient(recipient.name() == null ? "" : recipient.name(), chain.get(0),
                recipient.addresses().get(chain.get(0)), addressesJson,
                String.join(",", chain.subList(1, chain.size()).stream().map(Channel::name).toList())));
        return repository.find(n.id());
    }

    /** A notification recorded before its org reached the projection gets its subtree path as soon as it is known. */
    @Transactional(TxType.MANDATORY)
    public void fillPathIfMissing(UUID id) {
        repository.fillPathIfMissing(id);
    }

    @Transactional(TxType.MANDATORY)
    public void defer(UUID id, Instant until) {
        repository.defer(id, until);
    }

    @Transactional(TxType.MANDATORY)
    public void delivered(UUID id, int attempt, Instant at) {
        repository.recordAttempt(id, attempt, at, null, null);
        repository.markDelivered(id, attempt, at);
    }

    @Transactional(TxType.MANDATORY)
    public void retryLater(UUID id, int attempt, Instant at, Instant next, DeliveryException error, String address) {
        String message = NotificationEvents.safeMessage(error.getMessage(), address);
        repository.recordAttempt(id, attempt, at, error.code(), message);
        repository.markRetry(id, attempt, next, error.code(), message);
    }

    @Transactional(TxType.MANDATORY)
    public void failed(UUID id, int attempt, Instant at, DeliveryException error, String address) {
        String message = NotificationEvents.safeMessage(error.getMessage(), address);
        repository.recordAttempt(id, attempt, at, error.code(), message);
        repository.markFailed(id, attempt, at, error.code(), message);
    }

    /** A manual retry: a FAILED notification goes back into the schedule, due now, with a fresh round. */
    @Transactional(TxType.MANDATORY)
    public boolean reschedule(UUID id, Instant now) {
        return repository.reschedule(id, now);
    }
}
