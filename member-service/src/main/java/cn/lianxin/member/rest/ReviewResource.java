package cn.lianxin.member.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.member.service.ReviewService;
import cn.lianxin.member.service.TransferCommands.RecordReview;
import cn.lianxin.member.service.TransferViews.ReviewView;
import cn.lianxin.platform.security.Roles;

/** 年审: record a member's yearly verification. */
@Tag(name = "Annual review", description = "年审")
@Path("/api/v1/members/{id}/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReviewResource {

    private final ReviewService reviews;

    public ReviewResource(ReviewService reviews) {
        this.reviews = reviews;
    }

    @POST
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    @APIResponse(responseCode = "201", description = "Recorded (年审); Location: /api/v1/members/{id}/reviews/{reviewId}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewView.class)))
    public Response record(@PathParam("id") UUID memberId, RecordReview request) {
        ReviewView review = reviews.record(memberId, request);
        return Response.created(URI.create("/api/v1/members/" + memberId + "/reviews/" + review.id())).entity(review).build();
    }

    /** The review a 201 names in its Location; read like the org's review list. */
    @GET
    @Path("/{reviewId}")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    public ReviewView get(@PathParam("id") UUID memberId, @PathParam("reviewId") UUID reviewId) {
        return reviews.get(memberId, reviewId);
    }
}
