package cn.lianxin.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

import cn.lianxin.notification.config.NotificationConfig;

/** Works through the persisted schedule; what was due before a restart is simply due after it. */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final DeliveryService delivery;
    private final int batchSize;

    public Dispatcher(DeliveryService delivery, NotificationConfig config) {
        this.delivery = delivery;
        this.batchSize = config.dispatch().batchSize();
    }

    @Scheduled(identity = "notification-dispatcher", every = "${lianxin.notification.dispatch.every:5s}",
            concurrentExecution = ConcurrentExecution.SKIP)
    void dispatch() {
        try {
            for (int i = 0; i < batchSize && delivery.deliverNextDue(); i++) {
                // one notification per transaction
            }
        } catch (RuntimeException e) {
            LOG.error("notification dispatch stopped early; the rest stays due for the next run", e);
        }
    }
}
