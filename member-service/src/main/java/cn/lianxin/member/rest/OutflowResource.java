package cn.lianxin.member.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.member.service.OutflowCommands.RegisterOutflow;
import cn.lianxin.member.service.OutflowCommands.ReportIn;
import cn.lianxin.member.service.OutflowCommands.Return;
import cn.lianxin.member.service.OutflowService;
import cn.lianxin.member.service.OutflowViews.OutflowView;
import cn.lianxin.platform.idempotency.Idempotency;
import cn.lianxin.platform.security.Roles;

@Path("/api/v1/members/{memberId}/outflows")
@Tag(name = "Flow members", description = "流动党员: outflow registration (四个清楚), report-in and return")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OutflowResource {

    private final OutflowService outflows;
    private final Idempotency idempotency;

    public OutflowResource(OutflowService outflows, Idempotency idempotency) {
        this.outflows = outflows;
        this.idempotency = idempotency;
    }

    @POST
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    @APIResponse(responseCode = "201",
            description = "Registered as a flow member (流动党员登记); Location: /api/v1/members/{memberId}/outflows/{outflowId}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OutflowView.class)))
    public Response register(@PathParam("memberId") UUID memberId, @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            RegisterOutflow request) {
        return idempotency.once(idempotencyKey, request, () -> {
            OutflowView outflow = outflows.register(memberId, request);
            return Response.created(URI.create("/api/v1/members/" + memberId + "/outflows/" + outflow.id())).entity(outflow)
                    .build();
        });
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON, Roles.AUDITOR })
    public List<OutflowView> list(@PathParam("memberId") UUID memberId) {
        return outflows.list(memberId);
    }

    /** The outflow a 201 names in its Location; read like the member's list of outflows. */
    @GET
    @Path("/{outflowId}")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON, Roles.AUDITOR })
    public OutflowView get(@PathParam("memberId") UUID memberId, @PathParam("outflowId") UUID outflowId) {
        return outflows.get(memberId, outflowId);
    }

    /** 报到 at the receiving org at the destination; without a body, now, at the org registered with the outflow. */
    @POST
    @Path("/{outflowId}/report-in")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON })
    public OutflowView reportIn(@PathParam("memberId") UUID memberId, @PathParam("outflowId") UUID outflowId,
            @RequestBody(required = false) ReportIn request) {
        return outflows.reportIn(memberId, outflowId, request);
    }

    /** Back home; without a body, now. */
    @POST
    @Path("/{outflowId}/return")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON })
    public OutflowView markReturned(@PathParam("memberId") UUID memberId, @PathParam("outflowId") UUID outflowId,
            @RequestBody(required = false) Return request) {
        return outflows.markReturned(memberId, outflowId, request);
    }
}
