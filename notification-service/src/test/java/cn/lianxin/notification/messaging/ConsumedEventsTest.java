package cn.lianxin.notification.messaging;

import java.util.Map;
import java.util.Set;

import cn.lianxin.notification.recipients.RecipientProjection;
import cn.lianxin.platform.orgs.OrgProjection;
import cn.lianxin.testing.ConsumedEventsContract;

/** What notification-service consumes: every event that warns someone. */
class ConsumedEventsTest extends ConsumedEventsContract {

    @Override
    protected Map<String, Set<String>> handledByChannel() {
        return Map.of(
                "member-events", new MemberEventsConsumer(null, new OrgProjection(null, null, null, null),
                        new RecipientProjection(null, null), new NotificationIntake(null, null, null, null)).handledEvents(),
                "contact-events", new ContactEventsConsumer(null, new NotificationIntake(null, null, null, null)).handledEvents(),
                "case-events", new CaseEventsConsumer(null, new NotificationIntake(null, null, null, null), null).handledEvents());
    }
}
