package cn.lianxin.member.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import cn.lianxin.member.service.ContactCardService;
import cn.lianxin.member.service.MemberCommands.AssignLiaison;
import cn.lianxin.member.service.MemberCommands.CorrectIdNumber;
import cn.lianxin.member.service.MemberCommands.RecordStandingChange;
import cn.lianxin.member.service.MemberCommands.RegisterMember;
import cn.lianxin.member.service.MemberCommands.RevealRequest;
import cn.lianxin.member.service.MemberCommands.UpdateMember;
import cn.lianxin.member.service.MemberService;
import cn.lianxin.member.service.MemberViews.MemberView;
import cn.lianxin.member.service.MemberViews.RevealedIdNumber;
import cn.lianxin.member.service.MemberViews.StandingChangeView;
import cn.lianxin.member.service.StandingService;
import cn.lianxin.platform.api.IfMatch;
import cn.lianxin.platform.security.Roles;

@Path("/api/v1/members")
@Tag(name = "Members", description = "党员信息库: the member register")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MemberResource {

    private final MemberService members;
    private final StandingService standing;
    private final ContactCardService cards;

    /** 查重 as an oracle, refused: the ID number of someone already registered, too often (DuplicateHitsConfig). */
    static final String TOO_MANY_DUPLICATE_HITS = "The caller named too many ID numbers already registered within the"
            + " window; retry after Retry-After seconds";

    public MemberResource(MemberService members, StandingService standing, ContactCardService cards) {
        this.members = members;
        this.standing = standing;
        this.cards = cards;
    }

    @POST
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    @APIResponse(responseCode = "201", description = "Registered (党员登记); Location: /api/v1/members/{id}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "429", description = TOO_MANY_DUPLICATE_HITS)
    public Response register(RegisterMember request) {
        MemberView member = members.register(request);
        return Response.created(URI.create("/api/v1/members/" + member.id())).entity(member).build();
    }

    /** A LIAISON sees only the members assigned to them (docs/domain.md §6). */
    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON, Roles.AUDITOR })
    public RestResponse<MemberView> get(@PathParam("id") UUID id) {
        return members.get(id).ok();
    }

    /** Needs If-Match with the member's ETag (as are the PUTs of its ID number and liaison, which change the member). */
    @PATCH
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    public RestResponse<MemberView> update(@PathParam("id") UUID id, @HeaderParam(IfMatch.HEADER) String ifMatch,
            UpdateMember request) {
        return members.update(id, IfMatch.of(ifMatch), request).ok();
    }

    /** The full ID number, for an 组织员 only; every reveal is recorded (who, when, why). */
    @POST
    @Path("/{id}/id-number/reveal")
    @RolesAllowed(Roles.ORG_ADMIN)
    public RevealedIdNumber revealIdNumber(@PathParam("id") UUID id, RevealRequest request) {
        return members.revealIdNumber(id, request);
    }

    /** Corrects a wrong ID number (组织员 only): checked again for duplicates, recorded like a reveal. */
    @PUT
    @Path("/{id}/id-number")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN })
    @APIResponse(responseCode = "200", description = "The member with the corrected ID number (masked) and its new ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "429", description = TOO_MANY_DUPLICATE_HITS)
    public RestResponse<MemberView> correctIdNumber(@PathParam("id") UUID id, @HeaderParam(IfMatch.HEADER) String ifMatch,
            CorrectIdNumber request) {
        return members.correctIdNumber(id, IfMatch.of(ifMatch), request).ok();
    }

    @PUT
    @Path("/{id}/liaison")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    public RestResponse<MemberView> assignLiaison(@PathParam("id") UUID id, @HeaderParam(IfMatch.HEADER) String ifMatch,
            AssignLiaison request) {
        return members.assignLiaison(id, IfMatch.of(ifMatch), request).ok();
    }

    /** 党籍 history, oldest first, each change with its decision reference. */
    @GET
    @Path("/{id}/standing-history")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    public List<StandingChangeView> standingHistory(@PathParam("id") UUID id) {
        return standing.history(id);
    }

    /** 去世, 退党 or 开除党籍 recorded outside a case (docs/domain.md §3b); 201 with the change, 409 once the member has left. */
    @POST
    @Path("/{id}/standing-changes")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    @APIResponse(responseCode = "201",
            description = "Recorded (党籍变更); Location: /api/v1/members/{id}/standing-changes/{changeId}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StandingChangeView.class)))
    public Response recordStandingChange(@PathParam("id") UUID id, RecordStandingChange request) {
        StandingChangeView change = standing.record(id, request);
        return Response.created(URI.create("/api/v1/members/" + id + "/standing-changes/" + change.id())).entity(change)
                .build();
    }

    /** The change a 201 names in its Location; read like the member's standing history. */
    @GET
    @Path("/{id}/standing-changes/{changeId}")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    public StandingChangeView standingChange(@PathParam("id") UUID id, @PathParam("changeId") UUID changeId) {
        return standing.get(id, changeId);
    }

    /** 联心卡: the branch's contacts and WeChat group QR code, as a PNG; a MEMBER gets their own only. */
    @GET
    @Path("/{id}/contact-card.png")
    @Produces("image/png")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR, Roles.MEMBER })
    public byte[] contactCard(@PathParam("id") UUID id) {
        return cards.png(id);
    }
}
