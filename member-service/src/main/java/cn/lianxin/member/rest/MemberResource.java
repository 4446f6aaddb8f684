package cn.lianxin.member.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.member.rest.MemberDtos.AssignLiaison;
import cn.lianxin.member.rest.MemberDtos.CorrectIdNumber;
import cn.lianxin.member.rest.MemberDtos.MemberView;
import cn.lianxin.member.rest.MemberDtos.RecordStandingChange;
import cn.lianxin.member.rest.MemberDtos.RegisterMember;
import cn.lianxin.member.rest.MemberDtos.RevealRequest;
import cn.lianxin.member.rest.MemberDtos.RevealedIdNumber;
import cn.lianxin.member.rest.MemberDtos.UpdateMember;
import cn.lianxin.member.service.ContactCardService;
import cn.lianxin.member.service.MemberService;
import cn.lianxin.member.service.StandingService;
import cn.lianxin.member.rest.MemberDtos.StandingChangeView;
import cn.lianxin.platform.security.Roles;

@Path("/api/v1/members")
@Tag(name = "Members", description = "党员信息库: the member register")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MemberResource {

    private final MemberService members;
    private final StandingService standing;
    private final ContactCardService cards;

    public MemberResource(MemberService members, StandingService standing, ContactCardService cards) {
        this.members = members;
        this.standing = standing;
        this.cards = cards;
    }

    @POST
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    public Response register(RegisterMember request) {
        MemberView member = members.register(request);
        return Response.created(URI.create("/api/v1/members/" + member.id())).entity(member).build();
    }

    /** A LIAISON sees only the members assigned to them (docs/domain.md §6). */
    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON, Roles.AUDITOR })
    public MemberView get(@PathParam("id") UUID id) {
        return members.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    public MemberView update(@PathParam("id") UUID id, UpdateMember request) {
        return members.update(id, request);
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
    public MemberView correctIdNumber(@PathParam("id") UUID id, CorrectIdNumber request) {
        return members.correctIdNumber(id, request);
    }

    @PUT
    @Path("/{id}/liaison")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    public MemberView assignLiaison(@PathParam("id") UUID id, AssignLiaison request) {
        return members.assignLiaison(id, request);
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
