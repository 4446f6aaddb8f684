package cn.lianxin.notification.template;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import cn.lianxin.notification.template.TemplateService.TemplateChange;
import cn.lianxin.notification.template.TemplateService.TemplateView;
import cn.lianxin.platform.api.IfMatch;
import cn.lianxin.platform.security.OrgScope;
import cn.lianxin.platform.security.Roles;

@Path("/api/v1/templates")
@Tag(name = "Templates", description = "通知模板: the Chinese texts of every notification kind (Qute)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TemplateResource {

    private final TemplateService templates;
    private final OrgScope scope;

    public TemplateResource(TemplateService templates, OrgScope scope) {
        this.templates = templates;
        this.scope = scope;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.AUDITOR })
    public List<TemplateView> list() {
        return templates.list();
    }

    /** One template, with its version as the ETag that a change names in If-Match. */
    @GET
    @Path("/{key}")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.AUDITOR })
    public RestResponse<TemplateView> get(@PathParam("key") String key) {
        return templates.get(key).ok();
    }

    /**
     * A new text, with If-Match naming the ETag that was read (428 without it, 412 when the template changed since).
     * A template that does not compile, or names data its kind does not have, is refused with 422.
     */
    @PUT
    @Path("/{key}")
    @RolesAllowed(Roles.ADMIN)
    public RestResponse<TemplateView> update(@PathParam("key") String key, @HeaderParam(IfMatch.HEADER) String ifMatch,
            TemplateChange change) {
        return templates.update(key, IfMatch.of(ifMatch), change, scope.userId()).ok();
    }
}
