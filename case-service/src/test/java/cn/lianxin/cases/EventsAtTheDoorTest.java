package cn.lianxin.cases;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.OversizedEventContract;

/** Issue 12: member-service's events are checked against their schema before case-service applies them. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class EventsAtTheDoorTest extends OversizedEventContract {
}
