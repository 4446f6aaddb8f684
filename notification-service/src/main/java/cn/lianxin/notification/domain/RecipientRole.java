package cn.lianxin.notification.domain;

/** Who a notification is for, as named in the NotificationDelivered/NotificationFailed contracts. */
public enum RecipientRole {
    /** 联络员 */
    LIAISON,
    /** 书记 of an org */
    SECRETARY,
    /** 组织委员 of an org */
    ORGANIZER,
    /** the member the event is about */
    MEMBER
}
