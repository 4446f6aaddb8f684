package cn.lianxin.tracking.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

import cn.lianxin.platform.inbox.EventConsumer;
import cn.lianxin.platform.orgs.OrgProjection;

/** Keeps this service's projection of member-service's data up to date from {@code member.events}. */
@ApplicationScoped
public class MemberEventsConsumer {

    private final EventConsumer events;
    private final OrgProjection orgs;

    public MemberEventsConsumer(EventConsumer events, OrgProjection orgs) {
        this.events = events;
        this.orgs = orgs;
    }

    @Incoming("member-events")
    @Blocking
    @Transactional
    public void onMemberEvent(ConsumerRecord<String, String> record) {
        events.consume(record, orgs.handlers());
    }
}
