package cn.lianxin.member.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import cn.lianxin.member.domain.ContactPerson;
import cn.lianxin.member.domain.Member;
import cn.lianxin.member.domain.Org;
import cn.lianxin.member.service.ContactCardRenderer.Card;
import cn.lianxin.member.service.ContactCardRenderer.Person;

/** The member's 联心卡 as a PNG: how to reach the branch while away. */
@ApplicationScoped
public class ContactCardService {

    private final MemberAccess access;
    private final OrgRepository orgs;

    public ContactCardService(MemberAccess access, OrgRepository orgs) {
        this.access = access;
        this.orgs = orgs;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public byte[] png(UUID memberId) {
        Member member = access.member(memberId);
        Org branch = orgs.findById(member.orgId);
        return ContactCardRenderer.png(new Card(member.name, branch.name, person(branch.secretary), person(branch.organizer),
                branch.wechatGroupUrl, branch.webAddress));
    }

    private static Person person(ContactPerson contact) {
        return contact == null || contact.name == null ? null
                : new Person(contact.name, contact.phone, contact.wechat, contact.email);
    }
}
