package cn.lianxin.systemtests;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.awaitility.Awaitility;

import cn.lianxin.local.peers.MessagePeers.Received;
import cn.lianxin.testing.LianxinTestResource;

/** What reached people's phones and mailboxes: the SMS/WeChat gateways and the SMTP server of the system under test. */
final class Inboxes {

    private Inboxes() {
    }

    /** Waits for an SMS to {@code mobile} rendered from the template {@code templateKey} that mentions every text. */
    static Received awaitSms(String mobile, String templateKey, String... texts) {
        return await("SMS " + templateKey + " to " + mobile + " mentioning " + String.join(", ", texts),
                () -> smsTo(mobile).stream()
                        .filter(m -> m.body().contains("\"templateKey\":\"" + templateKey + "\"")
                                && Arrays.stream(texts).allMatch(m.body()::contains))
                        .toList());
    }

    /**
     * Moves every clock to the next digest time (09:00 Shanghai, notification-service's default window): warnings
     * that are not urgent are held for the day and go out then, one message per recipient and kind.
     */
    static void awaitDigestTime() {
        ZonedDateTime now = LianxinSystem.now().atZone(Actors.SHANGHAI);
        ZonedDateTime today = now.toLocalDate().atTime(LocalTime.of(9, 0, 1)).atZone(Actors.SHANGHAI);
        Instant next = (today.isAfter(now) ? today : today.plusDays(1)).toInstant();
        LianxinSystem.travelTo(next);
    }

    /**
     * After the next digest time: the SMS to {@code mobile} from template {@code templateKey} mentioning {@code text}.
     * First waits until notification-service has taken the warning in: one taken in after the clocks moved would be
     * held for the following day's digest, not this one.
     */
    static Received awaitHeldSms(String mobile, String templateKey, String text) {
        Awaitility.await("SMS " + templateKey + " to " + mobile + " mentioning " + text + " taken in")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> isTakenIn(mobile, templateKey, text));
        awaitDigestTime();
        return awaitSms(mobile, templateKey, text);
    }

    private static boolean isTakenIn(String mobile, String templateKey, String text) throws SQLException {
        try (Connection db = LianxinTestResource.adminConnection();
                PreparedStatement query = db.prepareStatement("SELECT 1 FROM notification.notification "
                        + "WHERE channel = 'SMS' AND address = ? AND template_key = ? "
                        + "AND strpos(model::text, ?) > 0")) {
            query.setString(1, mobile);
            query.setString(2, templateKey);
            query.setString(3, text);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    static List<Received> smsTo(String mobile) {
        return LianxinSystem.messages().gatewayMessages().stream()
                .filter(m -> m.channel().equals("SMS") && m.body().contains("\"" + mobile + "\""))
                .toList();
    }

    private static Received await(String what, Callable<List<Received>> found) {
        // the peers' lists are in this JVM: checked as often as testing's AwaitilityDefaults say
        return Awaitility.await(what).atMost(Duration.ofSeconds(30)).until(found, list -> !list.isEmpty()).get(0);
    }
}
