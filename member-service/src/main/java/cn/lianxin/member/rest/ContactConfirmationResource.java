package cn.lianxin.member.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.member.service.ContactHealthService;
import cn.lianxin.member.service.MemberViews.ContactHealthView;
import cn.lianxin.platform.security.Roles;

/** Contact-data health (联系方式核实): a member's contact details confirmed by a secretary, an 组织员 or their liaison. */
@Tag(name = "Contact-data health", description = "联系方式核实")
@Path("/api/v1/members/{id}/contact-confirmations")
@Produces(MediaType.APPLICATION_JSON)
public class ContactConfirmationResource {

    private final ContactHealthService health;

    public ContactConfirmationResource(ContactHealthService health) {
        this.health = health;
    }

    /** The caller confirmed the member's contact details: recorded (who, when), every failing flag cleared. */
    @POST
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON })
    @APIResponse(responseCode = "200", description = "Confirmed (联系方式核实): the member's contact health after it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContactHealthView.class)))
    public ContactHealthView confirm(@PathParam("id") UUID memberId) {
        return health.confirm(memberId);
    }
}
