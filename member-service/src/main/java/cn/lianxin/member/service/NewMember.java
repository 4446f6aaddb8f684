package cn.lianxin.member.service;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import cn.lianxin.member.domain.FocusTag;
import cn.lianxin.member.domain.Member;
import cn.lianxin.member.domain.ResidentIdNumber;
import cn.lianxin.member.service.MemberCommands.RegisterMember;

/** A member entering the register from a validated request (one by one or from a roster row). */
final class NewMember {

    private NewMember() {
    }

    /** A copy in the enum's order (null entries are refused by validation before). */
    static Set<FocusTag> tags(Collection<FocusTag> tags) {
        Set<FocusTag> copy = EnumSet.noneOf(FocusTag.class);
        if (tags != null) {
            tags.stream().filter(Objects::nonNull).forEach(copy::add);
        }
        return copy;
    }

    static Member of(RegisterMember request, ResidentIdNumber idNumber, String blindIndex, String cipher, UUID branchId,
            Instant now, String user, String source) {
        Member member = new Member();
        member.id = UUID.randomUUID();
        member.orgId = branchId;
        member.name = request.name().trim();
        member.idNumberCipher = cipher;
        member.idNumberIndex = blindIndex;
        member.idNumberMasked = idNumber.masked();
        member.gender = request.gender();
        member.ethnicity = request.ethnicity().trim();
        member.birthDate = idNumber.birthDate();
        member.education = request.education();
        member.occupation = request.occupation();
        member.phone = request.phone();
        member.wechat = request.wechat();
        member.qq = request.qq();
        member.email = request.email();
        member.phoneChangedAt = member.phone == null ? null : now;
        member.wechatChangedAt = member.wechat == null ? null : now;
        member.emailChangedAt = member.email == null ? null : now;
        member.householdAddress = request.householdAddress();
        member.residenceAddress = request.residenceAddress();
        member.workUnit = request.workUnit();
        member.category = request.category();
        member.joinedAt = request.joinedAt();
        member.regularizedAt = request.regularizedAt();
        member.introducers = request.introducers();
        member.emergencyName = request.emergencyContact().name().trim();
        member.emergencyRelation = request.emergencyContact().relation().trim();
        member.emergencyPhone = request.emergencyContact().phone();
        member.preferredChannel = request.preferredChannel();
        member.focusTags = tags(request.focusTags());
        member.source = source;
        member.registeredAt = now;
        member.registeredBy = user;
        member.touch(now, user);
        return member;
    }
}
