package cn.lianxin.member.domain;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** 联络员: another member (memberId set) or a named cadre. */
@Embeddable
public class Liaison {
    @Column(name = "liaison_member_id")
    public UUID memberId;
    @Column(name = "liaison_name")
    public String name;
    @Column(name = "liaison_phone")
    public String phone;
    @Column(name = "liaison_wechat")
    public String wechat;
    @Column(name = "liaison_email")
    public String email;

    public Liaison() {
    }

    public Liaison(UUID memberId, String name, String phone, String wechat, String email) {
        this.memberId = memberId;
        this.name = name;
        this.phone = phone;
        this.wechat = wechat;
        this.email = email;
    }
}
