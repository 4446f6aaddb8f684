package cn.lianxin.notification.template;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.notification.template.TemplateService.TemplateChange;
import cn.lianxin.notification.template.TemplateService.TemplateView;
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

    /** A template that does not compile, or names data its kind does not have, is refused with 422. */
    @PUT
    @Path("/{key}")
    @RolesAllowed(Roles.ADMIN)
    public TemplateView update(@PathParam("key") String key, TemplateChange change) {
        return templates.update(key, change, scope.userId());
    }
}
