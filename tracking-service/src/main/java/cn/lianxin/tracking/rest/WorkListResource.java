package cn.lianxin.tracking.rest;

import java.time.Clock;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.tracking.domain.ContactState;
import cn.lianxin.tracking.service.StatusViews.WorkItem;
import cn.lianxin.tracking.service.StatusService;

/** The work list a secretary or liaison opens every day: who is overdue, uncontrolled or lost, most urgent first. */
@Path("/api/v1/worklists/overdue")
@Tag(name = "Clocks", description = "T1–T8: who is due, overdue, uncontrolled (失控) or lost (失联)")
@Produces(MediaType.APPLICATION_JSON)
public class WorkListResource {

    private final StatusService status;
    private final Clock clock;

    public WorkListResource(StatusService status, Clock clock) {
        this.status = status;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON, Roles.AUDITOR })
    public Page<WorkItem> overdue(@QueryParam("orgId") UUID orgId, @QueryParam("liaisonId") UUID liaisonId,
            @QueryParam("state") String state, @QueryParam("asOf") String asOf, @Valid @BeanParam PageRequest page) {
        return status.overdue(AsOf.parse(asOf, clock), orgId, liaisonId, state(state), page);
    }

    private static ContactState state(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ContactState.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("state", StatusService.WORKLIST_STATES);
        }
    }
}
