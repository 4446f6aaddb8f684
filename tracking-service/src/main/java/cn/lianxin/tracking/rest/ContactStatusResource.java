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
import cn.lianxin.tracking.service.StatusViews.ContactStatus;
import cn.lianxin.tracking.service.StatusService;

/** One member's contact status: every clock, its due date and state, and the member's state (T1–T8). */
@Path("/api/v1/members/{memberId}/contact-status")
@Tag(name = "Clocks", description = "T1–T8: who is due, overdue, uncontrolled (失控) or lost (失联)")
@Produces(MediaType.APPLICATION_JSON)
public class ContactStatusResource {

    private final StatusService status;
    private final Clock clock;

    public ContactStatusResource(StatusService status, Clock clock) {
        this.status = status;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON, Roles.AUDITOR })
    public ContactStatus status(@PathParam("memberId") UUID memberId, @QueryParam("asOf") String asOf) {
        return status.status(memberId, AsOf.parse(asOf, clock));
    }
}
