package cn.lianxin.tracking.domain;

/**
 * The signals of the loss-risk score (流失风险), each read from facts this service already holds: its contact log, its
 * projection of the register, and the case and notification events it consumes.
 */
public enum RiskSignal {
    /** Days since the last REACHED contact, against the member's usual rhythm of contacts. */
    SILENCE,
    /** NOT_REACHED contacts since the last REACHED one, within a window (no answer on the phone …). */
    NOT_REACHED_ATTEMPTS,
    /** Notifications to the member that failed because the address was refused (NotificationFailed). */
    FAILED_DELIVERIES,
    /**
     * Contact details nobody confirmed for member-service's period (联系方式核实: ContactVerificationDue, until
     * ContactDetailsConfirmed).
     */
    CONTACT_UNCONFIRMED,
    /** Flowing (流动) and not yet reported in (报到) at the destination. */
    FLOWING_WITHOUT_REPORT_IN,
    /** A transfer letter (介绍信) issued, its receipt (回执) not back yet: the member is between two orgs. */
    TRANSFER_IN_TRANSIT,
    /** A transfer letter whose receipt is overdue (M1): between two orgs for longer than the letter is valid. */
    TRANSFER_RECEIPT_OVERDUE,
    /** Earlier lost-contact cases (失联) of the member. */
    PREVIOUS_LOSSES,
    /** Follow-up visits (回访) after an earlier loss that were missed. */
    MISSED_FOLLOW_UPS
}
