package cn.lianxin.member.rest;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.member.service.TransferCommands.IssueTransfer;
import cn.lianxin.member.service.TransferCommands.Receipt;
import cn.lianxin.member.service.TransferService;
import cn.lianxin.member.service.TransferViews.TransferView;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.idempotency.Idempotency;
import cn.lianxin.platform.security.Roles;

@Path("/api/v1/transfers")
@Tag(name = "Transfers", description = "组织关系转接: transfer letters and their receipts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TransferResource {

    private final TransferService transfers;
    private final Idempotency idempotency;

    public TransferResource(TransferService transfers, Idempotency idempotency) {
        this.transfers = transfers;
        this.idempotency = idempotency;
    }

    @POST
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    @APIResponse(responseCode = "201", description = "Issued (介绍信); Location: /api/v1/transfers/{id}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TransferView.class)))
    public Response issue(@HeaderParam(Idempotency.HEADER) String idempotencyKey, IssueTransfer request) {
        return idempotency.once(idempotencyKey, request, () -> {
            TransferView transfer = transfers.issue(request);
            return Response.created(URI.create("/api/v1/transfers/" + transfer.id())).entity(transfer).build();
        });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    public TransferView get(@PathParam("id") UUID id) {
        return transfers.get(id);
    }

    /**
     * 回执 came back: registered by the receiving side (a caller whose subtree holds the receiving branch); for a
     * transfer out of the system, by an 组织员 (ORG_ADMIN) over the sending branch, from the paper receipt. 403 otherwise.
     * Without a body, received now.
     */
    @POST
    @Path("/{id}/receipt")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    public TransferView receipt(@PathParam("id") UUID id, @RequestBody(required = false) Receipt request) {
        return transfers.receipt(id, request);
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    public Page<TransferView> list(@QueryParam("orgId") UUID orgId, @QueryParam("overdue") String overdue,
            @Valid @BeanParam PageRequest page) {
        return transfers.list(orgId, Boolean.TRUE.equals(QueryParams.booleanValue("overdue", overdue)), page);
    }
}
