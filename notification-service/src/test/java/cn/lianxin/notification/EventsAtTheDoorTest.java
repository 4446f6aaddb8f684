package cn.lianxin.notification;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.notification.support.PeersTestResource;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.OversizedEventContract;

/** Issue 12: member-service's events are checked against their schema before notification-service applies them. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
@WithTestResource(PeersTestResource.class)
class EventsAtTheDoorTest extends OversizedEventContract {
}
