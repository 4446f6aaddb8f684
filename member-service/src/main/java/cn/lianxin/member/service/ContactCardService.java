package cn.lianxin.member.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import cn.lianxin.card.ContactCard;
import cn.lianxin.card.ContactCardRenderer;
import cn.lianxin.member.domain.ContactPerson;
import cn.lianxin.member.domain.Member;
import cn.lianxin.member.domain.Org;
import cn.lianxin.member.repository.OrgRepository;

/** The member's 联心卡 as a PNG: how to reach the branch while away (drawn by the contact-card library). */
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
        return ContactCardRenderer.png(new ContactCard(member.name, branch.name, contact(branch.secretary),
                contact(branch.organizer), branch.wechatGroupUrl, branch.webAddress));
    }

    private static ContactCard.Contact contact(ContactPerson person) {
        return person == null || person.name == null ? null
                : new ContactCard.Contact(person.name, person.phone, person.wechat, person.email);
    }
}
