package cn.lianxin.tracking.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.tracking.rest.ContactDtos.ContactView;
import cn.lianxin.tracking.service.ContactCommands.CheckIn;
import cn.lianxin.tracking.service.ContactService;

/** The caller as a member: the one thing a MEMBER token may do here. */
@Path("/api/v1/me")
@Tag(name = "Contacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CheckInResource {

    private final ContactService contacts;

    public CheckInResource(ContactService contacts) {
        this.contacts = contacts;
    }

    @POST
    @Path("/check-ins")
    @RolesAllowed(Roles.MEMBER)
    @Operation(summary = "Check in for yourself (自主报到): a REACHED contact by SELF_CHECK_IN, now",
            description = "The member is the one named by the token's `member` claim; the JSON body ({note}) may be empty.")
    @APIResponse(responseCode = "201", description = "The recorded contact (联系记录); Location: /api/v1/contacts/{id}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ContactView.class)))
    @APIResponse(responseCode = "404", description = "The token names no member, or one unknown here or outside its org")
    public Response checkIn(@RequestBody(required = false) CheckIn request) {
        ContactView contact = ContactView.of(contacts.checkIn(request));
        return Response.created(ContactResource.location(contact)).entity(contact).build();
    }
}
