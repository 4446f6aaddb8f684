package cn.lianxin.cases.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.cases.rest.CaseDtos.Scan;
import cn.lianxin.cases.service.ScanService;
import cn.lianxin.cases.service.ScanService.ScanResult;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.platform.time.ScanAsOf;

@Path("/api/v1/scans")
@Tag(name = "Scans", description = "Deadline rules C1–C5, C7 and the monthly reports, as of an instant")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScanResource {

    private final ScanService scans;
    private final ScanAsOf asOfRule;

    public ScanResource(ScanService scans, ScanAsOf asOfRule) {
        this.scans = scans;
        this.asOfRule = asOfRule;
    }

    /** Runs the daily scan for an explicit {@code asOf} (backfill, tests); running it twice changes nothing. */
    @POST
    @RolesAllowed(Roles.ADMIN)
    public ScanResult scan(@NotNull @Valid Scan request) {
        return scans.scan(asOfRule.require(request.asOf())); // nothing in the future, nothing before the floor
    }
}
