package cn.lianxin.member.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.member.domain.Handshake.State;
import cn.lianxin.member.domain.Handshake.Side;
import cn.lianxin.member.service.HandshakeService;
import cn.lianxin.member.service.HandshakeViews.HandshakeList;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.security.Roles;

/** The handshakes of outflows (报到) and transfers (回执) of a subtree, on either side. */
@Tag(name = "Handshakes", description = "流动党员报到 and 转接回执: what the receiving org has confirmed, and what is overdue")
@Path("/api/v1/orgs/{id}/handshakes")
@Produces(MediaType.APPLICATION_JSON)
public class OrgHandshakesResource {

    private final HandshakeService handshakes;

    public OrgHandshakesResource(HandshakeService handshakes) {
        this.handshakes = handshakes;
    }

    /**
     * Outflows and transfers with their sending ({@code side=sending}) or receiving ({@code side=receiving}) org in the
     * subtree — either when absent —, optionally in one {@code state} (AWAITING_CONFIRMATION, CONFIRMED, OVERDUE,
     * ESCALATED), as of {@code asOf} (default now): unconfirmed first, the earliest due first, with the days overdue.
     */
    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    public HandshakeList list(@PathParam("id") UUID orgId, @QueryParam("side") String side,
            @QueryParam("state") String state, @QueryParam("asOf") String asOf, @Valid @BeanParam PageRequest page) {
        return handshakes.list(orgId, QueryParams.enumValue("side", side, Side.class),
                QueryParams.enumValue("state", state, State.class), QueryParams.instant("asOf", asOf), page);
    }
}
