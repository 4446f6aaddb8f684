package cn.lianxin.member.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import cn.lianxin.member.config.ReconciliationConfig;
import cn.lianxin.member.domain.Org;
import cn.lianxin.member.domain.Reconciliation;
import cn.lianxin.member.domain.Reconciliation.Kind;
import cn.lianxin.member.messaging.CaseFile;
import cn.lianxin.member.messaging.ContactRecorded;
import cn.lianxin.member.messaging.ReconciliationFacts;
import cn.lianxin.member.repository.ReconciliationRepository;
import cn.lianxin.member.repository.ReconciliationRepository.AdriftRow;
import cn.lianxin.member.repository.ReconciliationRepository.DuplicateRow;
import cn.lianxin.member.repository.ReconciliationRepository.FlowRow;
import cn.lianxin.member.repository.ReconciliationRepository.MemberRow;
import cn.lianxin.member.repository.ReconciliationRepository.ReachedContact;
import cn.lianxin.member.repository.ReconciliationRepository.TransferRow;
import cn.lianxin.member.service.ReconciliationViews.DuplicateFacts;
import cn.lianxin.member.service.ReconciliationViews.ExternalOrgRef;
import cn.lianxin.member.service.ReconciliationViews.Facts;
import cn.lianxin.member.service.ReconciliationViews.FlowFacts;
import cn.lianxin.member.service.ReconciliationViews.MemberRef;
import cn.lianxin.member.service.ReconciliationViews.NoContactFacts;
import cn.lianxin.member.service.ReconciliationViews.OrgRef;
import cn.lianxin.member.service.ReconciliationViews.ReconciliationLine;
import cn.lianxin.member.service.ReconciliationViews.ReconciliationReport;
import cn.lianxin.member.service.ReconciliationViews.TransferFacts;
import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * ID reconciliation across the tree (口袋党员, 空挂; docs/domain.md §7): the report of an org's subtree — duplicate
 * ID-number hits, transfer letters never received, members nobody reached for a year without a case, outflows whose
 * report-in was never confirmed — each line with what to do next; and the facts of the other services it keeps
 * (REACHED contacts, case files).
 */
@ApplicationScoped
@Transactional
public class ReconciliationService implements ReconciliationFacts {

    private final MemberAccess access;
    private final ReconciliationRepository reconciliation;
    private final ReconciliationConfig config;
    private final Clock clock;

    public ReconciliationService(MemberAccess access, ReconciliationRepository reconciliation,
            ReconciliationConfig config, Clock clock) {
        this.access = access;
        this.reconciliation = reconciliation;
        this.config = config;
        this.clock = clock;
    }

    /** The report of the org's subtree as of {@code asOf} (default now), every kind or only {@code only}. */
    @Transactional(TxType.SUPPORTS)
    public ReconciliationReport report(java.util.UUID orgId, Instant asOf, Kind only) {
        Org org = access.org(orgId);
        Instant at = asOf != null ? asOf : clock.instant();
        LocalDate day = ShanghaiCalendar.dateOf(at);
        String prefix = org.path;
        List<ReconciliationLine> lines = new ArrayList<>();
        if (only == null || only == Kind.DUPLICATE_ID) {
            reconciliation.duplicates(prefix, at).forEach(d -> lines.add(duplicate(d)));
        }
        if (only == null || only == Kind.TRANSFER_NOT_RECEIVED) {
            reconciliation.transfers(prefix, day).forEach(t -> lines.add(transfer(t, day)));
        }
        if (only == null || only == Kind.NO_CONTACT_NO_CASE) {
            reconciliation.adrift(prefix, at, Reconciliation.noContactCutoff(at, config.noContactAfter()))
                    .forEach(a -> lines.add(adrift(a, at)));
        }
        if (only == null || only == Kind.FLOW_NOT_CONFIRMED) {
            reconciliation.flows(prefix, day).forEach(f -> lines.add(flow(f, day)));
        }
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            if (only == null || only == kind) {
                counts.put(kind, 0);
            }
        }
        lines.forEach(line -> counts.merge(line.kind(), 1, Integer::sum));
        return new ReconciliationReport(org.id, org.name, at, config.noContactAfter(), counts, lines);
    }

    /** The same report as a sheet (.xlsx), ID numbers masked. */
    @Transactional(TxType.SUPPORTS)
    public byte[] sheet(java.util.UUID orgId, Instant asOf, Kind only) {
        return ReconciliationSheet.write(report(orgId, asOf, only));
    }

    private static ReconciliationLine duplicate(DuplicateRow d) {
        DuplicateFacts facts = new DuplicateFacts(d.member() == null ? null : d.member().idNumberMasked(),
                new OrgRef(d.holderOrgId(), d.holderOrgName()), new OrgRef(d.actingOrgId(), d.actingOrgName()),
                new OrgRef(d.commonAncestorId(), d.commonAncestorName()), d.hits(), d.firstHitAt(), d.lastHitAt());
        return line(Kind.DUPLICATE_ID, d.member(), facts,
                Reconciliation.nextStepForDuplicate(d.holderOrgName(), d.actingOrgName()));
    }

    private static ReconciliationLine transfer(TransferRow t, LocalDate day) {
        boolean external = t.toOrgId() == null;
        TransferFacts facts = new TransferFacts(t.transferId(), new OrgRef(t.fromOrgId(), t.fromOrgName()),
                external ? null : new OrgRef(t.toOrgId(), t.toOrgName()),
                external ? new ExternalOrgRef(t.toExternalName(), t.toExternalRegion()) : null, t.crossProvince(),
                t.issuedAt(), t.validity(), t.dueAt(), Reconciliation.daysBetween(t.dueAt(), day));
        return line(Kind.TRANSFER_NOT_RECEIVED, t.member(), facts,
                Reconciliation.nextStepForTransfer(external ? t.toExternalName() : t.toOrgName(), external));
    }

    private static ReconciliationLine adrift(AdriftRow a, Instant at) {
        Instant from = Reconciliation.countedFrom(a.lastReachedAt(), a.registeredAt());
        NoContactFacts facts = new NoContactFacts(a.lastReachedAt(), a.registeredAt(), from,
                Reconciliation.daysBetween(from, at), a.flowing());
        return line(Kind.NO_CONTACT_NO_CASE, a.member(), facts, Reconciliation.nextStepForNoContact(a.flowing()));
    }

    private static ReconciliationLine flow(FlowRow f, LocalDate day) {
        OrgRef receiving = f.receivingOrgId() == null && f.receivingOrgName() == null ? null
                : new OrgRef(f.receivingOrgId(), f.receivingOrgName());
        FlowFacts facts = new FlowFacts(f.outflowId(), f.nature(), f.leftAt(), f.destinationPlace(), receiving,
                f.reportInDueAt(), Reconciliation.daysBetween(f.reportInDueAt(), day));
        return line(Kind.FLOW_NOT_CONFIRMED, f.member(), facts, Reconciliation.nextStepForFlow(f.receivingOrgName()));
    }

    private static ReconciliationLine line(Kind kind, MemberRow m, Facts facts, String nextStep) {
        MemberRef member = m == null ? null
                : new MemberRef(m.id(), m.name(), m.branchId(), m.branchName(), m.idNumberMasked());
        return new ReconciliationLine(kind, kind.label(), member, facts, nextStep);
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public void contactsRecorded(List<ContactRecorded> contacts) {
        reconciliation.insertReached(contacts.stream()
                .filter(c -> c.reached() && c.contactId() != null && c.memberId() != null && c.at() != null)
                .map(c -> new ReachedContact(c.contactId(), c.memberId(), c.at())).toList());
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public void caseOpened(CaseFile file, Instant at) {
        reconciliation.caseOpened(file.caseId(), file.memberId(), at);
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public void caseClosed(CaseFile file, Instant at) {
        reconciliation.caseClosed(file.caseId(), file.memberId(), at);
    }
}
