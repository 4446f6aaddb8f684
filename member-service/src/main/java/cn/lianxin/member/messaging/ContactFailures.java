package cn.lianxin.member.messaging;

/**
 * What flags a member's contact detail as failing (contact-data health): implemented by the contact-health use case in
 * service/, so that the consumer reaches it without messaging/ depending on service/ (as {@link CaseDisposals}).
 */
public interface ContactFailures {

    /** Applies a {@code NotificationFailed}; runs in the consumer's transaction, which also records the event as processed. */
    void apply(NotificationFailed failure);
}
