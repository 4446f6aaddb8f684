package cn.lianxin.notification;

import cn.lianxin.testing.LayoutContract;

/** The layout every service keeps, guarded by ArchUnit (testing/LayoutContract). */
class LayoutTest extends LayoutContract {

    @Override
    protected String basePackage() {
        return "cn.lianxin.notification";
    }
}
