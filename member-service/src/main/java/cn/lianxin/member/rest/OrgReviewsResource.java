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

import cn.lianxin.member.service.ReviewService;
import cn.lianxin.member.service.TransferViews.ReviewList;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.Roles;

/** 年审 of a subtree: who is reviewed for a year and who is not yet. */
@Tag(name = "Annual review", description = "年审")
@Path("/api/v1/orgs/{id}/reviews")
@Produces(MediaType.APPLICATION_JSON)
public class OrgReviewsResource {

    private final ReviewService reviews;

    public OrgReviewsResource(ReviewService reviews) {
        this.reviews = reviews;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    public ReviewList list(@PathParam("id") UUID orgId, @QueryParam("year") String year,
            @QueryParam("reviewed") String reviewed, @Valid @BeanParam PageRequest page) {
        return reviews.list(orgId, year(year), QueryParams.booleanValue("reviewed", reviewed), page);
    }

    private static Integer year(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("year", "must be a year, e.g. 2026");
        }
    }
}
