package cn.lianxin.tracking.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.idempotency.Idempotency;
import cn.lianxin.platform.openapi.ApiDocument;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.tracking.rest.ContactDtos.ContactView;
import cn.lianxin.tracking.rest.ContactDtos.RecordedContacts;
import cn.lianxin.tracking.service.ContactCommands.RecordContact;
import cn.lianxin.tracking.service.ContactCommands.RecordContacts;
import cn.lianxin.tracking.service.ContactService;

@Path("/api/v1")
@Tag(name = "Contacts", description = "联系记录: contacts with members, reached or not")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactResource {

    private final ContactService contacts;
    private final Idempotency idempotency;

    public ContactResource(ContactService contacts, Idempotency idempotency) {
        this.contacts = contacts;
        this.idempotency = idempotency;
    }

    @POST
    @Path("/contacts")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON })
    @APIResponse(responseCode = "201", description = "The recorded contact (联系记录); Location: /api/v1/contacts/{id}. A "
            + "repeated Idempotency-Key answers the first response again, with Idempotency-Replayed: true",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ContactView.class)))
    public Response record(@HeaderParam(Idempotency.HEADER) String idempotencyKey, RecordContact request) {
        return idempotency.once(idempotencyKey, request, () -> {
            ContactView contact = ContactView.of(contacts.record(request));
            return Response.created(location(contact)).entity(contact).build();
        });
    }

    /** The contact a 201 names in its Location; read like the member's log (the same roles, 404 outside them). */
    @GET
    @Path("/contacts/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON, Roles.AUDITOR })
    public ContactView get(@PathParam("id") UUID id) {
        return ContactView.of(contacts.get(id));
    }

    /**
     * An org-life attendance sheet or a dues list: all items recorded, or none (422 with every item's problem). No
     * Location: the request creates many contacts, not one; each item of the body carries its id.
     */
    @POST
    @Path("/contacts/batch")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    @APIResponse(responseCode = "201", description = "Every contact recorded, in the order of the items, each with "
            + "its id (no Location: each has its own). A repeated Idempotency-Key answers the first response again, with "
            + "Idempotency-Replayed: true",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RecordedContacts.class)),
            extensions = @Extension(name = ApiDocument.NO_LOCATION, value = "true", parseValue = true))
    public Response recordAll(@HeaderParam(Idempotency.HEADER) String idempotencyKey, RecordContacts request) {
        return idempotency.once(idempotencyKey, request, () -> {
            RecordedContacts recorded = RecordedContacts.of(contacts.recordAll(request));
            return Response.status(Response.Status.CREATED).entity(recorded).build();
        });
    }

    @GET
    @Path("/members/{memberId}/contacts")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON, Roles.AUDITOR })
    public Page<ContactView> ofMember(@PathParam("memberId") UUID memberId, @Valid @BeanParam PageRequest page) {
        return contacts.ofMember(memberId, page).map(ContactView::of);
    }

    /** Where a recorded contact can be read: GET /api/v1/contacts/{id}. */
    static URI location(ContactView contact) {
        return URI.create("/api/v1/contacts/" + contact.id());
    }
}
