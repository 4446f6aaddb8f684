package cn.lianxin.notification;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.notification.support.PeersTestResource;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.OrgProjectionConsumerContract;

@QuarkusTest
@WithTestResource(LianxinTestResource.class)
@WithTestResource(PeersTestResource.class)
class OrgProjectionConsumerTest extends OrgProjectionConsumerContract {
}
