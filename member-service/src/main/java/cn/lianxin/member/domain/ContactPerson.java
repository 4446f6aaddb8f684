package cn.lianxin.member.domain;

import jakarta.persistence.Embeddable;

/** Someone members and the system can reach: an org's secretary (书记) or organizer (组织委员). */
@Embeddable
public class ContactPerson {
    public String name;
    public String phone;
    public String wechat;
    public String email;

    public ContactPerson() {
    }

    public ContactPerson(String name, String phone, String wechat, String email) {
        this.name = name;
        this.phone = phone;
        this.wechat = wechat;
        this.email = email;
    }
}
