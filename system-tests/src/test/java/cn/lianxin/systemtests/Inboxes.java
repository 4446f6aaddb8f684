package cn.lianxin.systemtests;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.awaitility.Awaitility;

import cn.lianxin.local.peers.MessagePeers.Received;

/** What reached people's phones and mailboxes: the SMS/WeChat gateways and the SMTP server of the system under test. */
final class Inboxes {

    private Inboxes() {
    }

    /** Waits for an SMS to {@code mobile} rendered from the template {@code templateKey} that mentions {@code text}. */
    static Received awaitSms(String mobile, String templateKey, String text) {
        return await("SMS " + templateKey + " to " + mobile + " mentioning " + text, () -> smsTo(mobile).stream()
                .filter(m -> m.body().contains("\"templateKey\":\"" + templateKey + "\"") && m.body().contains(text))
                .toList());
    }

    static List<Received> smsTo(String mobile) {
        return LianxinSystem.messages().gatewayMessages().stream()
                .filter(m -> m.channel().equals("SMS") && m.body().contains("\"" + mobile + "\""))
                .toList();
    }

    private static Received await(String what, Callable<List<Received>> found) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(found, list -> !list.isEmpty()).get(0);
    }
}
