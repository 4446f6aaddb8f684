package cn.lianxin.notification.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The delivery peers on loopback: an in-JVM SMTP server (GreenMail) and an HTTP server for the SMS and
 * WeChat gateways. The service talks to them over real sockets; tests assert what arrived there. Self check-in
 * (报平安) is enabled with a key pair generated here: the service signs links with the private key, tests verify them
 * with the public key as tracking-service would (no key in the repository).
 */
public class PeersTestResource implements QuarkusTestResourceLifecycleManager {

    private static GreenMail smtp;
    private static GatewayStub gateways;
    private static KeyPair selfCheckInKeys;

    /** tracking-service's public address, as the links name it. */
    public static final String SELF_CHECK_IN_LINK_BASE = "http://127.0.0.1:8082";

    @Override
    public Map<String, String> start() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        try {
            gateways = new GatewayStub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            selfCheckInKeys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> config = new HashMap<>(Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(smtp.getSmtp().getPort()),
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.rest-client.sms-gateway.url", gateways.baseUrl(),
                "quarkus.rest-client.wechat-gateway.url", gateways.baseUrl(),
                "lianxin.notification.sms.api-key", "test-sms-key",
                "lianxin.notification.wechat.api-key", "test-wechat-key",
                "lianxin.notification.dispatch.every", "0.2s"));
        config.put("lianxin.self-check-in.enabled", "true");
        config.put("lianxin.self-check-in.private-key", pem(selfCheckInKeys.getPrivate().getEncoded()));
        config.put("lianxin.self-check-in.link-base", SELF_CHECK_IN_LINK_BASE);
        return config;
    }

    /** PKCS#8 PEM, as an operator would configure it. */
    private static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** The public half of the key the service signs 报平安 links with. */
    public static RSAPublicKey selfCheckInPublicKey() {
        return (RSAPublicKey) selfCheckInKeys.getPublic();
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
