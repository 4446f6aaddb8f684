package cn.lianxin.tracking.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.platform.orgs.OrgProjection;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.platform.time.ScanAsOf;
import cn.lianxin.tracking.service.ScanService;
import cn.lianxin.tracking.service.ScanService.ScanResult;

@Path("/api/v1/scans")
@Tag(name = "Scans", description = "The contact clocks T1–T8 as of an instant, for everyone or one organization's subtree, then the 专项排查 campaigns' reminders and closes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScanResource {

    /** Backfill or test: evaluate the rules as of an instant, for everyone or for one org's subtree. */
    public record ScanRequest(@NotNull OffsetDateTime asOf, UUID orgId) {
    }

    private final ScanService scans;
    private final OrgProjection orgs;
    private final ScanAsOf scanAsOf;

    public ScanResource(ScanService scans, OrgProjection orgs, ScanAsOf scanAsOf) {
        this.scans = scans;
        this.orgs = orgs;
        this.scanAsOf = scanAsOf;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public ScanResult scan(@NotNull @Valid ScanRequest request) {
        // A scan writes what cannot be taken back: nothing in the future, nothing before the floor (ScanAsOf).
        Instant asOf = scanAsOf.require(request.asOf().toInstant());
        String prefix = request.orgId() == null ? "/"
                : orgs.pathOf(request.orgId()).orElseThrow(() -> ProblemException.invalidField("orgId", "unknown org"));
        return scans.scan(asOf, prefix);
    }
}
