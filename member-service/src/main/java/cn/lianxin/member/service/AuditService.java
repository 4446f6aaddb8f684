package cn.lianxin.member.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import cn.lianxin.member.domain.AuditLog.ContactConfirmation;
import cn.lianxin.member.domain.AuditLog.DuplicateHit;
import cn.lianxin.member.domain.AuditLog.HandshakeConfirmation;
import cn.lianxin.member.domain.AuditLog.IdNumberCorrection;
import cn.lianxin.member.domain.AuditLog.IdNumberReveal;
import cn.lianxin.member.domain.AuditLog.StandingChangeEntry;
import cn.lianxin.member.repository.AuditRepository;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;

/**
 * Reads the audit logs for an AUDITOR or an ORG_ADMIN: the subtree of {@code orgId} (404 outside the caller's own),
 * by default the caller's whole subtree, optionally within {@code [from, to)}.
 */
@ApplicationScoped
public class AuditService {

    /** Earliest and latest instants a filter may name: the register holds nothing before, the database nothing after. */
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    private final AuditRepository audit;
    private final MemberAccess access;
    private final OrgScope scope;

    public AuditService(AuditRepository audit, MemberAccess access, OrgScope scope) {
        this.audit = audit;
        this.access = access;
        this.scope = scope;
    }

    @Transactional
    public Page<IdNumberReveal> reveals(UUID orgId, String from, String to, PageRequest page) {
        return audit.reveals(filter(orgId, from, to), page);
    }

    @Transactional
    public Page<IdNumberCorrection> corrections(UUID orgId, String from, String to, PageRequest page) {
        return audit.corrections(filter(orgId, from, to), page);
    }

    @Transactional
    public Page<StandingChangeEntry> standingChanges(UUID orgId, String from, String to, PageRequest page) {
        return audit.standingChanges(filter(orgId, from, to), page);
    }

    @Transactional
    public Page<ContactConfirmation> contactConfirmations(UUID orgId, String from, String to, PageRequest page) {
        return audit.contactConfirmations(filter(orgId, from, to), page);
    }

    @Transactional
    public Page<DuplicateHit> duplicateHits(UUID orgId, String from, String to, PageRequest page) {
        return audit.duplicateHits(filter(orgId, from, to), page);
    }

    @Transactional
    public Page<HandshakeConfirmation> handshakeConfirmations(UUID orgId, String from, String to, PageRequest page) {
        return audit.handshakeConfirmations(filter(orgId, from, to), page);
    }

    private AuditRepository.Filter filter(UUID orgId, String from, String to) {
        Instant start = instant("from", from, EARLIEST);
        Instant end = instant("to", to, LATEST);
        if (!start.isBefore(end)) {
            throw ProblemException.invalidField("to", "must be after from");
        }
        String prefix = orgId != null ? access.org(orgId).path
                : scope.visiblePathPrefix().orElse("/nothing-visible/");
        return new AuditRepository.Filter(prefix, start, end);
    }

    private static Instant instant(String field, String value, Instant absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            Instant instant = OffsetDateTime.parse(value.trim()).toInstant();
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw ProblemException.invalidField(field, "must lie between " + EARLIEST + " and " + LATEST);
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be an ISO-8601 date-time with offset, e.g. 2026-01-01T00:00:00+08:00");
        }
    }
}
