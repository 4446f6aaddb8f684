package cn.lianxin.notification.domain;

/** The 联心卡 extras of an org (its secretary and organizer are in the shared org projection). */
public record OrgCard(String wechatGroupUrl, String webAddress) {
    public static final OrgCard NONE = new OrgCard(null, null);
}
