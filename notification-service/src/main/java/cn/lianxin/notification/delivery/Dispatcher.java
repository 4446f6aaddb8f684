package cn.lianxin.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

import cn.lianxin.notification.config.NotificationConfig;

/**
 * Works through the persisted schedule; what was due before a restart is simply due after it. Replicas share the work:
 * each notification is claimed with {@code FOR UPDATE SKIP LOCKED} and sent while its row stays locked, in one
 * transaction, so another replica's tick passes over it and never sends it twice.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final DeliveryService delivery;
    private final int batchSize;
    private volatile boolean stopping;

    public Dispatcher(DeliveryService delivery, NotificationConfig config) {
        this.delivery = delivery;
        this.batchSize = config.dispatch().batchSize();
    }

    /** On shutdown the running batch stops after the notification in hand; the rest stays due for the next start. */
    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    @Scheduled(identity = "notification-dispatcher", every = "${lianxin.notification.dispatch.every:5s}",
            concurrentExecution = ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void dispatch() {
        try {
            for (int i = 0; i < batchSize && !stopping && delivery.deliverNextDue(); i++) {
                // one notification per transaction
            }
        } catch (RuntimeException e) {
            if (stopping) {
                LOG.debugf(e, "notification dispatch interrupted by shutdown; the rest stays due for the next start");
            } else {
                LOG.error("notification dispatch stopped early; the rest stays due for the next run", e);
            }
        }
    }
}
