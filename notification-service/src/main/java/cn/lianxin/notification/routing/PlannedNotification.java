package cn.lianxin.notification.routing;

import java.util.Map;
import java.util.UUID;

import cn.lianxin.notification.template.NotificationKind;

/** What routing decided for one recipient of one event; the recorder turns it into a scheduled notification. */
public record PlannedNotification(NotificationKind kind, UUID memberId, UUID caseId, UUID orgId, Recipient recipient,
        Map<String, Object> model) {

    /** Model key of the notification's line in a digest: {name, reason, daysOverdue?}. */
    public static final String DIGEST_LINE = "digestLine";
}
