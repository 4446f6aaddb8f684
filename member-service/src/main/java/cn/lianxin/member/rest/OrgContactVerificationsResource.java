package cn.lianxin.member.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.member.service.ContactHealthService;
import cn.lianxin.member.service.ContactHealthService.ContactDueList;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.security.Roles;

/** Contact-data health (联系方式核实): the members of a subtree whose contact details must be verified. */
@Tag(name = "Contact-data health", description = "联系方式核实")
@Path("/api/v1/orgs/{id}/contact-verifications")
@Produces(MediaType.APPLICATION_JSON)
public class OrgContactVerificationsResource {

    private final ContactHealthService health;

    public OrgContactVerificationsResource(ContactHealthService health) {
        this.health = health;
    }

    /**
     * The members of the subtree (in good standing) whose contact details must be verified as of {@code asOf} (default
     * now), by name, each with the reasons: a failing phone, e-mail or WeChat id, or nobody confirmed them for 12 months.
     */
    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    public ContactDueList due(@PathParam("id") UUID orgId, @QueryParam("asOf") String asOf,
            @Valid @BeanParam PageRequest page) {
        return health.due(orgId, QueryParams.instant("asOf", asOf), page);
    }
}
