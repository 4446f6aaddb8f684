package cn.lianxin.member.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;

import cn.lianxin.member.domain.AuditLog.ContactConfirmation;
import cn.lianxin.member.domain.AuditLog.DuplicateHit;
import cn.lianxin.member.domain.AuditLog.HandshakeConfirmation;
import cn.lianxin.member.domain.AuditLog.IdNumberCorrection;
import cn.lianxin.member.domain.AuditLog.IdNumberReveal;
import cn.lianxin.member.domain.AuditLog.StandingChangeEntry;
import cn.lianxin.member.service.AuditService;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.security.Roles;

/**
 * The audit logs for an AUDITOR (read-only, subtree) and an ORG_ADMIN: {@code ?orgId=} narrows to a subtree (404
 * outside the caller's), {@code from}/{@code to} (ISO-8601 with offset) to {@code [from, to)}; newest first, paged.
 * No ID number is ever shown.
 */
@Path("/api/v1/audit")
@Tag(name = "Audit", description = "ID-number reveals and corrections, standing changes, duplicate ID-number hits, contact confirmations, handshake confirmations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.AUDITOR, Roles.ORG_ADMIN })
public class AuditResource {

    private final AuditService audit;

    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    @Path("/id-number-reveals")
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public Page<IdNumberReveal> reveals(@QueryParam("orgId") UUID orgId, @QueryParam("from") String from,
            @QueryParam("to") String to, @Valid @BeanParam PageRequest page) {
        return audit.reveals(orgId, from, to, page);
    }

    @GET
    @Path("/id-number-corrections")
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public Page<IdNumberCorrection> corrections(@QueryParam("orgId") UUID orgId, @QueryParam("from") String from,
            @QueryParam("to") String to, @Valid @BeanParam PageRequest page) {
        return audit.corrections(orgId, from, to, page);
    }

    @GET
    @Path("/standing-changes")
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public Page<StandingChangeEntry> standingChanges(@QueryParam("orgId") UUID orgId, @QueryParam("from") String from,
            @QueryParam("to") String to, @Valid @BeanParam PageRequest page) {
        return audit.standingChanges(orgId, from, to, page);
    }

    /** Contact details confirmed (联系方式核实): who, when, which failing details that cleared. */
    @GET
    @Path("/contact-confirmations")
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public Page<ContactConfirmation> contactConfirmations(@QueryParam("orgId") UUID orgId, @QueryParam("from") String from,
            @QueryParam("to") String to, @Valid @BeanParam PageRequest page) {
        return audit.contactConfirmations(orgId, from, to, page);
    }

    /** Handshakes confirmed (报到, 回执) with either side in the subtree: who, when, whether reminded or escalated before. */
    @GET
    @Path("/handshake-confirmations")
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public Page<HandshakeConfirmation> handshakeConfirmations(@QueryParam("orgId") UUID orgId,
            @QueryParam("from") String from, @QueryParam("to") String to, @Valid @BeanParam PageRequest page) {
        return audit.handshakeConfirmations(orgId, from, to, page);
    }

    /** Hits whose common ancestor lies in the subtree: what its ORG_ADMIN reconciles (口袋党员, 空挂). */
    @GET
    @Path("/duplicate-hits")
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public Page<DuplicateHit> duplicateHits(@QueryParam("orgId") UUID orgId, @QueryParam("from") String from,
            @QueryParam("to") String to, @Valid @BeanParam PageRequest page) {
        return audit.duplicateHits(orgId, from, to, page);
    }
}
