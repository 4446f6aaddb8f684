package cn.lianxin.cases.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.RegisterRunContract;

@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class RegisterRunTest extends RegisterRunContract {

    @Override
    protected String schema() {
        return "cases";
    }

    @Override
    protected String projection() {
        return "member_projection";
    }
}
