package cn.lianxin.member.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.member.rest.ScanDtos.ScanRequest;
import cn.lianxin.member.service.ScanService;
import cn.lianxin.member.service.TransferViews.ScanResult;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.platform.time.ScanAsOf;

/** Runs rules M1–M5 as of an explicit instant (backfill, tests); the same asOf twice emits nothing new. */
@Path("/api/v1/scans")
@Tag(name = "Scans", description = "Rules M1–M5")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScanResource {

    private final ScanService scans;
    private final ScanAsOf asOfRule;

    public ScanResource(ScanService scans, ScanAsOf asOfRule) {
        this.scans = scans;
        this.asOfRule = asOfRule;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public ScanResult scan(ScanRequest request) {
        if (request == null || request.asOf() == null) {
            throw ProblemException.badRequest("asOf: is required", List.of(new cn.lianxin.platform.problem.Problem.FieldError("asOf", "is required")));
        }
        return scans.scan(asOfRule.require(request.asOf())); // nothing in the future, nothing before the floor
    }
}
