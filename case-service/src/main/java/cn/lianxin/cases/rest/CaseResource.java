package cn.lianxin.cases.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.cases.domain.CaseFile;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.Decision;
import cn.lianxin.cases.domain.FollowUp;
import cn.lianxin.cases.domain.SearchAttempt;
import cn.lianxin.cases.rest.CaseDtos.AttemptView;
import cn.lianxin.cases.rest.CaseDtos.CaseFileView;
import cn.lianxin.cases.rest.CaseDtos.CaseSummary;
import cn.lianxin.cases.rest.CaseDtos.ChangeDetails;
import cn.lianxin.cases.rest.CaseDtos.Decide;
import cn.lianxin.cases.rest.CaseDtos.DecisionView;
import cn.lianxin.cases.rest.CaseDtos.FollowUpView;
import cn.lianxin.cases.rest.CaseDtos.LogAttempt;
import cn.lianxin.cases.rest.CaseDtos.MarkFound;
import cn.lianxin.cases.rest.CaseDtos.OpenCase;
import cn.lianxin.cases.rest.CaseDtos.RecordFollowUp;
import cn.lianxin.cases.service.CaseQueries;
import cn.lianxin.cases.service.CaseService;
import cn.lianxin.cases.service.DecisionService;
import cn.lianxin.cases.service.FollowUpService;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
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

    public CaseResource(CaseService cases, CaseQueries queries, DecisionService decisions, FollowUpService followUps) {
        this.cases = cases;
        this.queries = queries;
        this.decisions = decisions;
        this.followUps = followUps;
    }

    @POST
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    public Response open(OpenCase request) {
        CaseFile file = cases.openManually(request);
        return created(file.id);
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
    public CaseFileView get(@PathParam("id") UUID id) {
        return queries.get(id);
    }

    /** Completes or corrects situation, cause, lost-since and owner (责任人) while the case is not closed. */
    @PATCH
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    public CaseFileView changeDetails(@PathParam("id") UUID id, ChangeDetails request) {
        return queries.get(cases.changeDetails(id, request).id);
    }

    @POST
    @Path("/{id}/attempts")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON })
    public Response attempt(@PathParam("id") UUID id, LogAttempt request) {
        SearchAttempt attempt = cases.logAttempt(id, request);
        return Response.created(URI.create(path(attempt.caseId) + "/attempts/" + attempt.id))
                .entity(queries.get(attempt.caseId)).build();
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
        return queries.get(cases.markFound(id, request).id);
    }

    @POST
    @Path("/{id}/decisions")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    public Response decide(@PathParam("id") UUID id, Decide request) {
        Decision decision = decisions.decide(id, request);
        return Response.created(URI.create(path(decision.caseId) + "/decisions/" + decision.id))
                .entity(queries.get(decision.caseId)).build();
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
    public Response followUp(@PathParam("id") UUID id, RecordFollowUp request) {
        FollowUp followUp = followUps.record(id, request);
        return Response.created(URI.create(path(followUp.caseId) + "/follow-ups/" + followUp.episode + "/" + followUp.no))
                .entity(queries.get(followUp.caseId)).build();
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
