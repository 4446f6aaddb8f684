package cn.lianxin.member;

import java.util.UUID;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.ServiceSurfaceContract;

@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class ServiceSurfaceTest extends ServiceSurfaceContract {

    @Override
    protected String securedEndpoint() {
        return "/api/v1/orgs/" + UUID.randomUUID();
    }
}
