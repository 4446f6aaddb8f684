package cn.lianxin.cases.messaging;

import java.util.Map;
import java.util.Set;

import cn.lianxin.platform.orgs.OrgProjection;
import cn.lianxin.testing.ConsumedEventsContract;

/** What case-service consumes: the member register, the contact clocks and the departments' lookup answers. */
class ConsumedEventsTest extends ConsumedEventsContract {

    @Override
    protected Map<String, Set<String>> handledByChannel() {
        return Map.of(
                "member-events", new MemberEventsConsumer(null, new OrgProjection(null, null, null, null),
                        new MemberProjection(null, null, null)).handledEvents(),
                "contact-events", new ContactEventsConsumer(null, null, null, null).handledEvents(),
                "lookup-answers", new LookupAnswersConsumer(null, null, null).handledEvents());
    }
}
