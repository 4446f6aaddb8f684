package cn.lianxin.member.service;

import cn.lianxin.member.domain.Liaison;
import cn.lianxin.member.domain.Member;
import cn.lianxin.member.rest.MemberDtos.EmergencyContact;
import cn.lianxin.member.rest.MemberDtos.LiaisonView;
import cn.lianxin.member.rest.MemberDtos.MemberView;

/** Entity → response body; the ID number only ever leaves masked. */
final class MemberViews {

    private MemberViews() {
    }

    static MemberView view(Member m) {
        return new MemberView(m.id, m.orgId, m.name, m.idNumberMasked, m.gender, m.ethnicity, m.birthDate, m.education,
                m.occupation, m.phone, m.wechat, m.qq, m.email, m.householdAddress, m.residenceAddress, m.workUnit,
                m.category, m.joinedAt, m.regularizedAt, m.introducers,
                new EmergencyContact(m.emergencyName, m.emergencyRelation, m.emergencyPhone), m.preferredChannel,
                m.standing, m.readmissionBarUntil, m.flowing, liaison(m.liaison), m.registeredAt, m.transferredOutAt);
    }

    private static LiaisonView liaison(Liaison l) {
        return l == null || l.name == null ? null : new LiaisonView(l.memberId, l.name, l.phone, l.wechat, l.email);
    }
}
