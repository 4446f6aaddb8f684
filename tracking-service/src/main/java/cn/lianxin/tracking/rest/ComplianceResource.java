package cn.lianxin.tracking.rest;

import java.time.Clock;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.tracking.service.StatusViews.Compliance;
import cn.lianxin.tracking.service.StatusService;

/** An organization's figures: how many of its members are in each contact state (org figures: not a liaison's). */
@Path("/api/v1/orgs/{orgId}/compliance")
@Tag(name = "Clocks", description = "T1–T8: who is due, overdue, uncontrolled (失控) or lost (失联)")
@Produces(MediaType.APPLICATION_JSON)
public class ComplianceResource {

    private final StatusService status;
    private final Clock clock;

    public ComplianceResource(StatusService status, Clock clock) {
        this.status = status;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    public Compliance compliance(@PathParam("orgId") UUID orgId, @QueryParam("asOf") String asOf) {
        return status.compliance(orgId, AsOf.parse(asOf, clock));
    }
}
