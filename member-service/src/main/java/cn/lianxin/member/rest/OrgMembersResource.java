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

import cn.lianxin.member.domain.Category;
import cn.lianxin.member.domain.MemberSearch;
import cn.lianxin.member.domain.Standing;
import cn.lianxin.member.service.MemberService;
import cn.lianxin.member.service.MemberViews.MemberView;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.security.Roles;

/**
 * The members of an org's subtree. Members transferred out of the system (组织关系转出) have left the register: they
 * are listed only with {@code transferredOut=true} (then only they are).
 */
@Path("/api/v1/orgs/{orgId}/members")
@Tag(name = "Members")
@Produces(MediaType.APPLICATION_JSON)
public class OrgMembersResource {

    private final MemberService members;

    public OrgMembersResource(MemberService members) {
        this.members = members;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    public Page<MemberView> list(@PathParam("orgId") UUID orgId, @QueryParam("q") String q,
            @QueryParam("category") String category, @QueryParam("standing") String standing,
            @QueryParam("flowing") String flowing, @QueryParam("transferredOut") String transferredOut,
            @Valid @BeanParam PageRequest page) {
        var filter = new MemberSearch(q, QueryParams.enumValue("category", category, Category.class),
                QueryParams.enumValue("standing", standing, Standing.class), QueryParams.booleanValue("flowing", flowing),
                QueryParams.booleanValue("transferredOut", transferredOut));
        return members.list(orgId, filter, page);
    }
}
