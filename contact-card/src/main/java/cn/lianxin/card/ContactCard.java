package cn.lianxin.card;

/**
 * What a 联心卡 (contact card) shows: the contents of the {@code contactCard} of MemberFlowedOut (the branch, its
 * secretary and organizer, the branch WeChat group and web address) plus the member's name. Absent (null) parts
 * are left off the card.
 *
 * @param memberName     the member (党员) the card is for, if known
 * @param orgName        the member's branch (党支部)
 * @param secretary      the branch secretary (支部书记)
 * @param organizer      the organization committee member (组织委员)
 * @param wechatGroupUrl invitation link of the branch WeChat group, drawn as a QR code
 * @param webAddress     web address of the party-building site
 */
public record ContactCard(String memberName, String orgName, Contact secretary, Contact organizer, String wechatGroupUrl,
        String webAddress) {

    /** A named contact of the branch as printed on the card. */
    public record Contact(String name, String phone, String wechat, String email) {
    }
}
