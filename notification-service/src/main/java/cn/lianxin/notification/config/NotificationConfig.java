package cn.lianxin.notification.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import cn.lianxin.notification.domain.Channel;

/** Delivery policy (docs/domain.md §5); every value can be set per city without a code change. */
@ConfigMapping(prefix = "lianxin.notification")
public interface NotificationConfig {

    /** Channel order for recipients without a preference (secretaries); a preferred channel goes first. */
    @WithDefault("SMS,WECHAT,EMAIL")
    List<Channel> channelOrder();

    QuietHours quietHours();

    Retry retry();

    Dispatch dispatch();

    Gateway sms();

    Gateway wechat();

    Digest digest();

    /**
     * Where a digest's link points: the work list of the recipient's org, {@code <worklist-url>?orgId=<org>}
     * (e.g. the front end's overdue list, or tracking-service's {@code /api/v1/worklists/overdue}).
     */
    @WithDefault("http://localhost:8082/api/v1/worklists/overdue")
    String worklistUrl();

    /**
     * tracking-service's campaigns (专项排查), as a lagging branch's secretary opens them: a campaign reminder links to
     * {@code <campaign-url>/<campaignId>/unaccounted?orgId=<branch>}, the members not yet accounted for.
     */
    @WithDefault("http://localhost:8082/api/v1/campaigns")
    String campaignUrl();

    /**
     * Digests (docs/domain.md §5): notifications of one kind for one staff recipient within a window are sent as one
     * message listing the members. The window is a day, closed and sent at {@code send-at} in {@code zone}.
     */
    interface Digest {
        /** false: every notification goes out at once, as before digests. */
        @WithDefault("true")
        boolean enabled();

        /** When the day's digest goes out (local time in {@link #zone()}). */
        @WithDefault("09:00")
        LocalTime sendAt();

        @WithDefault("Asia/Shanghai")
        ZoneId zone();

        /** Event names that are never held for a digest: they go out at once. */
        @WithDefault("CaseEscalated,StandingActionProposed,MemberUncontrolled,LookupApprovalRequested")
        Set<String> urgent();

        /** How often the flush job looks for digests that are due (read by its @Scheduled). */
        @WithDefault("60s")
        String every();
    }

    /** 免打扰时段 for SMS and WeChat, Asia/Shanghai. */
    interface QuietHours {
        @WithDefault("22:00")
        LocalTime start();

        @WithDefault("08:00")
        LocalTime end();
    }

    /** Exponential back-off: initial, 2×initial, 4×initial … capped; then the next channel. */
    interface Retry {
        /** Attempts per channel, the first included. */
        @WithDefault("4")
        int maxAttempts();

        @WithDefault("PT1M")
        Duration initialBackoff();

        @WithDefault("PT1H")
        Duration maxBackoff();
    }

    interface Dispatch {
        /** How often the dispatcher looks at the schedule (read by its @Scheduled). */
        @WithDefault("5s")
        String every();

        /** Notifications delivered per dispatcher run at most. */
        @WithDefault("100")
        int batchSize();
    }

    /** An HTTP gateway's credentials; its base URL is quarkus.rest-client.&lt;name&gt;.url. */
    interface Gateway {
        /** Sent as {@code Authorization: Bearer <apiKey>}. */
        String apiKey();

        /** SMS signature (短信签名) / WeChat sender label. */
        @WithDefault("联心")
        String signName();
    }
}
