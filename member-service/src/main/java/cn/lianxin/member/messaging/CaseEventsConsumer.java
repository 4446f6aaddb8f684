package cn.lianxin.member.messaging;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

import cn.lianxin.member.service.StandingService;
import cn.lianxin.platform.events.EventReader;
import cn.lianxin.platform.inbox.EventConsumer;

/** Applies case-service's decisions to standing (党籍): member-service is its only writer. */
@ApplicationScoped
public class CaseEventsConsumer {

    private final EventConsumer events;
    private final EventReader reader;
    private final StandingService standing;

    public CaseEventsConsumer(EventConsumer events, EventReader reader, StandingService standing) {
        this.events = events;
        this.reader = reader;
        this.standing = standing;
    }

    @Incoming("case-events")
    @Blocking
    @Transactional
    public void onCaseEvent(ConsumerRecord<String, String> record) {
        events.consume(record, Map.of("CaseDisposed",
                event -> standing.apply(reader.payload(event, CaseDisposed.class))));
    }
}
