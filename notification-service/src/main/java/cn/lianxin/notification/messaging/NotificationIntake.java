package cn.lianxin.notification.messaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.databind.JsonNode;

import cn.lianxin.notification.delivery.NotificationRecorder;
import cn.lianxin.notification.recipients.RecipientProjection;
import cn.lianxin.notification.repository.NotificationRepository.NewNotification;
import cn.lianxin.notification.routing.Router;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.inbox.SetHandler;
import cn.lianxin.platform.orgs.OrgProjection;

/**
 * Turns events into scheduled notifications: route, then record (in the consumer's transaction). Consecutive routed
 * events of a batch are one run ({@link SetHandler}): the members they are about, and their liaisons, are read in one
 * query, their branches in another, and the run's notifications are stored in one statement — at 500 reminders a
 * second, one round trip per event for the member, one per branch and one per notification were what the consumer
 * waited on.
 */
@ApplicationScoped
public class NotificationIntake implements SetHandler<NotificationIntake.Run> {

    /** The notifications a run has planned so far, stored when it completes. */
    public static final class Run {

        private final List<NewNotification> rows = new ArrayList<>();
    }

    private final Router router;
    private final NotificationRecorder recorder;
    private final RecipientProjection recipients;
    private final OrgProjection orgs;

    public NotificationIntake(Router router, NotificationRecorder recorder, RecipientProjection recipients,
            OrgProjection orgs) {
        this.router = router;
        this.recorder = recorder;
        this.recipients = recipients;
        this.orgs = orgs;
    }

    /** This intake as the set handler of each of {@code names} that is routed, for {@link cn.lianxin.platform.inbox.EventConsumer}. */
    public Map<String, SetHandler<?>> setHandlers(Set<String> names) {
        Map<String, SetHandler<?>> handlers = new HashMap<>();
        names.stream().filter(Router.ROUTED::contains).forEach(name -> handlers.put(name, this));
        return handlers;
    }

    /** One event alone: routed and recorded at once (a handler that also does something else first). */
    @Transactional(TxType.MANDATORY)
    public void accept(IncomingEvent event) {
        recorder.record(event, router.route(event));
    }

    @Override
    public Run lookUp(List<IncomingEvent> events) {
        Set<UUID> members = new LinkedHashSet<>();
        Set<UUID> branches = new LinkedHashSet<>();
        for (IncomingEvent event : events) {
            addId(members, event.payload().path("memberId"));
            addId(members, event.payload().path("liaison").path("memberId"));
            addId(branches, event.payload().path("orgId"));
        }
        recipients.preload(members);
        orgs.preload(branches);
        return new Run();
    }

    @Override
    public void apply(IncomingEvent event, Run run) {
        run.rows.addAll(recorder.plan(event, router.route(event)));
    }

    @Override
    public void complete(Run run) {
        recorder.store(run.rows);
    }

    private static void addId(Set<UUID> ids, JsonNode field) {
        if (field.isTextual()) {
            try {
                ids.add(UUID.fromString(field.asText()));
            } catch (IllegalArgumentException notAnId) {
                // routing reads the field itself and says what is wrong with it; here it is only not read ahead
            }
        }
    }
}
