package cn.lianxin.notification.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The delivery peers on loopback: an in-JVM SMTP server (GreenMail) and an HTTP server for the SMS and
 * WeChat gateways. The service talks to them over real sockets; tests assert what arrived there.
 */
public class PeersTestResource implements QuarkusTestResourceLifecycleManager {

    private static GreenMail smtp;
    private static GatewayStub gateways;

    @Override
    public Map<String, String> start() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        try {
            gateways = new GatewayStub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(smtp.getSmtp().getPort()),
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.rest-client.sms-gateway.url", gateways.baseUrl(),
                "quarkus.rest-client.wechat-gateway.url", gateways.baseUrl(),
                "lianxin.notification.sms.api-key", "test-sms-key",
                "lianxin.notification.wechat.api-key", "test-wechat-key",
                "lianxin.notification.dispatch.every", "0.2s");
    }

    @Override
    public void stop() {
        if (gateways != null) {
            gateways.stop();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    public static GreenMail smtp() {
        return smtp;
    }

    public static GatewayStub gateways() {
        return gateways;
    }
}
