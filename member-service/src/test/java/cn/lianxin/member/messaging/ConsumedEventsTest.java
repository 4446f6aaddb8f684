package cn.lianxin.member.messaging;

import java.util.Map;
import java.util.Set;

import cn.lianxin.testing.ConsumedEventsContract;

/**
 * What member-service consumes: case-service's events, tracking-service's contacts (reconciliation) and
 * notification-service's (contact-data health).
 */
class ConsumedEventsTest extends ConsumedEventsContract {

    @Override
    protected Map<String, Set<String>> handledByChannel() {
        return Map.of(
                "case-events", new CaseEventsConsumer(null, null, null, null).handledEvents(),
                "contact-events", new ContactEventsConsumer(null, null, null).handledEvents(),
                "notification-events", new NotificationEventsConsumer(null, null, null).handledEvents());
    }
}
