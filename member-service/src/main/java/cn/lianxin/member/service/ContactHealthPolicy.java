package cn.lianxin.member.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cn.lianxin.member.config.ContactHealthConfig;
import cn.lianxin.member.domain.ContactDetail;
import cn.lianxin.member.domain.ContactVerification;
import cn.lianxin.member.domain.ContactVerification.Assessment;
import cn.lianxin.member.domain.ContactVerification.Failure;
import cn.lianxin.member.domain.Member;
import cn.lianxin.member.service.MemberViews.ContactHealthView;
import cn.lianxin.member.service.MemberViews.FailingDetail;

/** Contact-data health (联系方式核实) with this city's period: the rule of {@link ContactVerification} as of an instant. */
@ApplicationScoped
public class ContactHealthPolicy {

    private final ContactHealthConfig config;
    private final Clock clock;

    public ContactHealthPolicy(ContactHealthConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The member's contact health now. */
    public ContactHealthView view(Member m) {
        Map<ContactDetail, Failure> failing = m.failingDetails();
        Assessment verdict = assess(failing, m.registeredAt, m.contactConfirmedAt, clock.instant());
        return new ContactHealthView(failing(failing), m.contactConfirmedAt, m.contactConfirmedBy, verdict.due(),
                verdict.reasons());
    }

    Assessment assess(Map<ContactDetail, Failure> failing, Instant registeredAt, Instant confirmedAt, Instant asOf) {
        return ContactVerification.assess(failing, registeredAt, confirmedAt, asOf, config.unconfirmedAfter());
    }

    /** Details last confirmed at or before this are unconfirmed as of {@code asOf}. */
    Instant cutoff(Instant asOf) {
        return ContactVerification.cutoff(asOf, config.unconfirmedAfter());
    }

    static List<FailingDetail> failing(Map<ContactDetail, Failure> failing) {
        return failing.entrySet().stream().map(e -> new FailingDetail(e.getKey(), channelOf(e.getKey()),
                e.getValue().since(), e.getValue().errorCode())).toList();
    }

    private static String channelOf(ContactDetail detail) {
        return switch (detail) {
            case PHONE -> "SMS";
            case EMAIL -> "EMAIL";
            case WECHAT -> "WECHAT";
        };
    }
}
