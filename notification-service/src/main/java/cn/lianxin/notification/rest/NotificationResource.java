package cn.lianxin.notification.rest;

import java.util.Arrays;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.notification.delivery.NotificationQueries;
import cn.lianxin.notification.delivery.NotificationQueries.Filter;
import cn.lianxin.notification.delivery.NotificationViews.NotificationView;
import cn.lianxin.notification.domain.NotificationStatus;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;
import cn.lianxin.platform.security.Roles;

@Path("/api/v1/notifications")
@Tag(name = "Notifications", description = "通知: what was sent to whom, on which channel, with every attempt")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private final NotificationQueries notifications;
    private final OrgScope scope;

    public NotificationResource(NotificationQueries notifications, OrgScope scope) {
        this.notifications = notifications;
        this.scope = scope;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    public Page<NotificationView> list(@QueryParam("memberId") String memberId, @QueryParam("caseId") String caseId,
            @QueryParam("recipient") String recipient, @QueryParam("status") String status,
            @Valid @BeanParam PageRequest page) {
        Filter filter = new Filter(uuid("memberId", memberId), uuid("caseId", caseId), recipient, status(status));
        return notifications.list(filter, page, scope);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    public NotificationView get(@PathParam("id") UUID id) {
        return notifications.get(id, scope);
    }

    /** Puts a FAILED notification back into the delivery schedule (202: delivery happens asynchronously). */
    @POST
    @Path("/{id}/retry")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    @APIResponse(responseCode = "202", description = "Back in the delivery schedule (PENDING, due now); delivery follows",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NotificationView.class)))
    public Response retry(@PathParam("id") UUID id) {
        return Response.accepted(notifications.retry(id, scope)).build();
    }

    private static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, "must be a UUID");
        }
    }

    private static NotificationStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return NotificationStatus.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("status", "must be one of " + Arrays.toString(NotificationStatus.values()));
        }
    }
}
