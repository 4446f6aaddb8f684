package cn.lianxin.notification.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import cn.lianxin.notification.delivery.NotificationRecorder;
import cn.lianxin.notification.routing.Router;
import cn.lianxin.platform.events.IncomingEvent;

/** Turns an event into scheduled notifications: route, then record (in the consumer's transaction). */
@ApplicationScoped
public class NotificationIntake {

    private final Router router;
    private final NotificationRecorder recorder;

    public NotificationIntake(Router router, NotificationRecorder recorder) {
        this.router = router;
        this.recorder = recorder;
    }

    /** Handlers for the given event names, for {@link cn.lianxin.platform.inbox.EventConsumer}. */
    public Map<String, Consumer<IncomingEvent>> handlers(Set<String> names) {
        Map<String, Consumer<IncomingEvent>> handlers = new HashMap<>();
        names.stream().filter(Router.ROUTED::contains).forEach(name -> handlers.put(name, this::accept));
        return handlers;
    }

    @Transactional(TxType.MANDATORY)
    public void accept(IncomingEvent event) {
        recorder.record(event, router.route(event));
    }
}
