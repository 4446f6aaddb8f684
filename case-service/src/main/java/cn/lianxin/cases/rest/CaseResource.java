package cn.lianxin.cases.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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
import org.jboss.resteasy.reactive.RestResponse;

import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.service.CaseCommands.ChangeDetails;
import cn.lianxin.cases.service.CaseCommands.Decide;
import cn.lianxin.cases.service.CaseCommands.LogAttempt;
import cn.lianxin.cases.service.CaseCommands.MarkFound;
import cn.lianxin.cases.service.CaseCommands.OpenCase;
import cn.lianxin.cases.service.CaseCommands.RecordFollowUp;
import cn.lianxin.cases.service.CaseQueries;
import cn.lianxin.cases.service.CaseService;
import cn.lianxin.cases.service.CaseViews.AttemptView;
import cn.lianxin.cases.service.CaseViews.CaseFileView;
import cn.lianxin.cases.service.CaseViews.CaseSummary;
import cn.lianxin.cases.service.CaseViews.DecisionView;
import cn.lianxin.cases.service.CaseViews.FollowUpView;
import cn.lianxin.cases.service.DecisionService;
import cn.lianxin.cases.service.FollowUpService;
import cn.lianxin.platform.api.IfMatch;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.idempotency.Idempotency;
import cn.lianxin.platform.security.Roles;

@Path("/api/v1/cases")
@Tag(name = "Cases", description = "一人一档: lost-contact case files, search attempts, decisions, follow-ups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CaseResource {

    private final CaseService cases;
    private final CaseQueries queries;
    private final DecisionService decisions;
    private final FollowUpService followUps;
    private final Idempotency idempotency;

    public CaseResource(CaseService cases, CaseQueries queries, DecisionService decisions, FollowUpService followUps,
            Idempotency idempotency) {
        this.idempotency = idempotency;
        this.cases = cases;
        this.queries = queries;
        this.decisions = decisions;
        this.followUps = followUps;
    }

    @POST
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    @APIResponse(responseCode = "201", description = "The case file (一人一档), opened; Location: the case file",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseFileView.class)))
    public Response open(OpenCase request) {
        return created(cases.openManually(request));
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON, Roles.AUDITOR })
    public Page<CaseSummary> list(@QueryParam("orgId") String orgId, @QueryParam("memberId") String memberId,
            @QueryParam("status") String status, @QueryParam("incomplete") String incomplete,
            @Valid @BeanParam PageRequest page) {
        return queries.list(QueryParams.uuid("orgId", orgId), QueryParams.uuid("memberId", memberId),
                QueryParams.enumValue("status", status, CaseState.class), QueryParams.bool("incomplete", incomplete),
                page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON, Roles.AUDITOR })
    public RestResponse<CaseFileView> get(@PathParam("id") UUID id) {
        return queries.versioned(id).ok();
    }

    /** Completes or corrects situation, cause, lost-since and owner (责任人) while the case is not closed. */
    @PATCH
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    public RestResponse<CaseFileView> changeDetails(@PathParam("id") UUID id, @HeaderParam(IfMatch.HEADER) String ifMatch,
            ChangeDetails request) {
        cases.changeDetails(id, IfMatch.of(ifMatch), request);
        return queries.versioned(id).ok();
    }

    @POST
    @Path("/{id}/attempts")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON })
    @APIResponse(responseCode = "201", description = "The search attempt (查找记录), recorded; the body is "
            + "the case file as it stands now; Location: the attempt",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseFileView.class)))
    public Response attempt(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            LogAttempt request) {
        return idempotency.once(idempotencyKey, request, () -> {
            UUID attemptId = cases.logAttempt(id, request);
            return Response.created(URI.create(path(id) + "/attempts/" + attemptId)).entity(queries.get(id)).build();
        });
    }

    /** The attempt a 201 names in its Location; read like the case file. */
    @GET
    @Path("/{id}/attempts/{attemptId}")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON, Roles.AUDITOR })
    public AttemptView getAttempt(@PathParam("id") UUID id, @PathParam("attemptId") UUID attemptId) {
        return queries.attempt(id, attemptId);
    }

    @POST
    @Path("/{id}/found")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    public CaseFileView found(@PathParam("id") UUID id, MarkFound request) {
        cases.markFound(id, request);
        return queries.get(id);
    }

    @POST
    @Path("/{id}/decisions")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    @APIResponse(responseCode = "201", description = "The decision (处置), recorded; the body is "
            + "the case file as it stands now; Location: the decision",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseFileView.class)))
    public Response decide(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            Decide request) {
        return idempotency.once(idempotencyKey, request, () -> {
            UUID decisionId = decisions.decide(id, request);
            return Response.created(URI.create(path(id) + "/decisions/" + decisionId)).entity(queries.get(id)).build();
        });
    }

    /** The decision a 201 names in its Location; read like the case file. */
    @GET
    @Path("/{id}/decisions/{decisionId}")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON, Roles.AUDITOR })
    public DecisionView getDecision(@PathParam("id") UUID id, @PathParam("decisionId") UUID decisionId) {
        return queries.decision(id, decisionId);
    }

    @POST
    @Path("/{id}/follow-ups")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON })
    @APIResponse(responseCode = "201", description = "The follow-up visit (回访), recorded; the body is "
            + "the case file as it stands now; Location: the follow-up",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseFileView.class)))
    public Response followUp(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            RecordFollowUp request) {
        return idempotency.once(idempotencyKey, request, () -> {
            FollowUpService.Recorded followUp = followUps.record(id, request);
            return Response.created(URI.create(path(id) + "/follow-ups/" + followUp.episode() + "/" + followUp.no()))
                    .entity(queries.get(id)).build();
        });
    }

    /** The follow-up a 201 names in its Location (a follow-up is the n-th of an episode's plan); read like the case file. */
    @GET
    @Path("/{id}/follow-ups/{episode}/{no}")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON, Roles.AUDITOR })
    public FollowUpView getFollowUp(@PathParam("id") UUID id, @PathParam("episode") int episode, @PathParam("no") int no) {
        return queries.followUp(id, episode, no);
    }

    private Response created(UUID id) {
        return Response.created(URI.create(path(id))).entity(queries.get(id)).build();
    }

    private static String path(UUID caseId) {
        return "/api/v1/cases/" + caseId;
    }
}
