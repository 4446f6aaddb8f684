package cn.lianxin.platform.orgs;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.arc.properties.IfBuildProperty;

import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;
import cn.lianxin.platform.security.Roles;

/**
 * This service's view of an org, as built from member-service's events: lets operators and front-ends see
 * that a change has arrived here. Present in the services that keep the org projection.
 */
@Path("/api/v1/projections/orgs")
@Tag(name = "Org projection", description = "This service's copy of the organization tree")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "lianxin.org-projection.enabled", stringValue = "true")
public class OrgProjectionResource {

    private final OrgProjection projection;
    private final OrgScope scope;

    public OrgProjectionResource(OrgProjection projection, OrgScope scope) {
        this.projection = projection;
        this.scope = scope;
    }

    @GET
    @Path("/{orgId}")
    @Operation(summary = "The org as this service knows it (path, secretary, organizer)")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    public OrgSnapshot.View get(@PathParam("orgId") UUID orgId) {
        scope.requireVisible(orgId, "Organization", orgId);
        return projection.find(orgId).orElseThrow(() -> ProblemException.notFound("Organization", orgId));
    }
}
