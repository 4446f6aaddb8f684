package cn.lianxin.notification.config;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import cn.lianxin.notification.domain.Channel;

/** Delivery policy (domain.md §5); every value can be set per city without a code change. */
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
