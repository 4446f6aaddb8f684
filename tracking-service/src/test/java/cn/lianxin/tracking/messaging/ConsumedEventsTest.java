package cn.lianxin.tracking.messaging;

import java.util.Map;
import java.util.Set;

import cn.lianxin.platform.orgs.OrgProjection;
import cn.lianxin.testing.ConsumedEventsContract;

/** What tracking-service consumes: the member register, the case files and the failed notifications. */
class ConsumedEventsTest extends ConsumedEventsContract {

    @Override
    protected Map<String, Set<String>> handledByChannel() {
        return Map.of(
                "member-events", new MemberEventsConsumer(null, new OrgProjection(null, null, null, null),
                        new MemberProjection(null, null, null, null, null), new ContactHealthProjection(null, null))
                        .handledEvents(),
                "case-events", new CaseEventsConsumer(null, null, null, null).handledEvents(),
                "notification-events", new NotificationEventsConsumer(null, null, null).handledEvents());
    }
}
