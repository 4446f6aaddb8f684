package cn.lianxin.tracking.rest;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.orgs.OrgProjection;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.platform.time.ScanAsOf;
import cn.lianxin.tracking.rest.StatusDtos.Compliance;
import cn.lianxin.tracking.rest.StatusDtos.ContactState;
import cn.lianxin.tracking.rest.StatusDtos.ContactStatus;
import cn.lianxin.tracking.rest.StatusDtos.WorkItem;
import cn.lianxin.tracking.service.ScanService;
import cn.lianxin.tracking.service.ScanService.ScanResult;
import cn.lianxin.tracking.service.StatusService;

@Path("/api/v1")
@Tag(name = "Clocks", description = "T1–T8: who is due, overdue, uncontrolled (失控) or lost (失联)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClockResource {


    private final StatusService status;
    private final ScanService scans;
    private final OrgProjection orgs;
    private final Clock clock;
    private final ScanAsOf scanAsOf;

    public ClockResource(StatusService status, ScanService scans, OrgProjection orgs, Clock clock, ScanAsOf scanAsOf) {
        this.status = status;
        this.scans = scans;
        this.orgs = orgs;
        this.clock = clock;
        this.scanAsOf = scanAsOf;
    }

    /** Backfill or test: evaluate the rules as of an instant, for everyone or for one org's subtree. */
    public record ScanRequest(@NotNull java.time.OffsetDateTime asOf, UUID orgId) {
    }

    @POST
    @Path("/scans")
    @RolesAllowed(Roles.ADMIN)
    public ScanResult scan(@NotNull @Valid ScanRequest request) {
        // A scan writes what cannot be taken back: nothing in the future, nothing before the floor (ScanAsOf).
        Instant asOf = scanAsOf.require(request.asOf().toInstant());
        String prefix = request.orgId() == null ? "/"
                : orgs.pathOf(request.orgId()).orElseThrow(() -> ProblemException.invalidField("orgId", "unknown org"));
        return scans.scan(asOf, prefix);
    }

    @GET
    @Path("/members/{memberId}/contact-status")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON, Roles.AUDITOR })
    public ContactStatus status(@PathParam("memberId") UUID memberId, @QueryParam("asOf") String asOf) {
        return status.status(memberId, AsOf.parse(asOf, clock));
    }

    @GET
    @Path("/worklists/overdue")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON, Roles.AUDITOR })
    public Page<WorkItem> overdue(@QueryParam("orgId") UUID orgId, @QueryParam("liaisonId") UUID liaisonId,
            @QueryParam("state") String state, @QueryParam("asOf") String asOf, @Valid @BeanParam PageRequest page) {
        return status.overdue(AsOf.parse(asOf, clock), orgId, liaisonId, state(state), page);
    }

    @GET
    @Path("/orgs/{orgId}/compliance")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR }) // org figures: not a liaison's
    public Compliance compliance(@PathParam("orgId") UUID orgId, @QueryParam("asOf") String asOf) {
        return status.compliance(orgId, AsOf.parse(asOf, clock));
    }

    private static ContactState state(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ContactState.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("state", StatusService.WORKLIST_STATES);
        }
    }
}
