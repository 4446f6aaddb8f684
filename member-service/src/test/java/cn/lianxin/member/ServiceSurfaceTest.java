package cn.lianxin.member;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.ServiceSurfaceContract;

@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class ServiceSurfaceTest extends ServiceSurfaceContract {
}
