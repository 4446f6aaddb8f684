package cn.lianxin.tracking.rest;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.problem.StrictJson;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.platform.time.ShanghaiCalendar;
import cn.lianxin.tracking.service.AccountabilityService;
import cn.lianxin.tracking.service.AccountabilityViews.AccountabilityReport;

/**
 * 目标责任考核: the accountability figures of an org's subtree for a period, per branch and per liaison, as JSON or as a
 * spreadsheet ({@code Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet}). A LIAISON reads only
 * their own row.
 */
@Path("/api/v1/orgs/{orgId}/accountability")
@Tag(name = "Accountability", description = "目标责任考核: contacts due vs on time, days from a miss to the next contact, "
        + "first searches within C1's deadline, follow-ups done vs missed, members lost per 100")
public class AccountabilityResource {

    private static final String DESCRIPTION = "The accountability figures (目标责任考核) of the org's subtree for the "
            + "period [from, to), Asia/Shanghai dates (default: the previous calendar month; both or neither; at most a "
            + "year): the subtree's total, a row per branch of the subtree and a row per liaison (联络员) with the "
            + "figures of the T1 (LIAISON_MONTHLY) obligations of the flow members currently assigned to them; liaisonId "
            + "keeps only that liaison's row. A LIAISON gets only their own row (also the total) and no branch rows; "
            + "liaisonId naming another liaison is a 403. JSON, or .xlsx with Accept: " + AccountabilityXlsx.MEDIA_TYPE + ". Every figure is defined on the "
            + "AccountabilityReport schema.";

    private final AccountabilityService accountability;
    private final Clock clock;

    public AccountabilityResource(AccountabilityService accountability, Clock clock) {
        this.accountability = accountability;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR, Roles.LIAISON })
    @Operation(summary = "Accountability figures of a subtree for a period", description = DESCRIPTION)
    public AccountabilityReport json(@PathParam("orgId") UUID orgId,
            @Parameter(description = "First day, included (YYYY-MM-DD, Asia/Shanghai)") @QueryParam("from") String from,
            @Parameter(description = "Day after the last, excluded (YYYY-MM-DD, Asia/Shanghai)") @QueryParam("to") String to,
            @Parameter(description = "Only this liaison's row (their own member id)") @QueryParam("liaisonId") UUID liaisonId) {
        return report(orgId, from, to, liaisonId);
    }

    @GET
    @Produces(AccountabilityXlsx.MEDIA_TYPE)
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR, Roles.LIAISON })
    public Response xlsx(@PathParam("orgId") UUID orgId, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("liaisonId") UUID liaisonId) {
        AccountabilityReport report = report(orgId, from, to, liaisonId);
        StreamingOutput body = out -> AccountabilityXlsx.write(report, out);
        return Response.ok(body, AccountabilityXlsx.MEDIA_TYPE).header("Content-Disposition",
                "attachment; filename=\"accountability-" + report.from() + "-" + report.to() + ".xlsx\"").build();
    }

    private AccountabilityReport report(UUID orgId, String fromText, String toText, UUID liaisonId) {
        LocalDate from = date("from", fromText);
        LocalDate to = date("to", toText);
        if (from == null && to == null) {
            LocalDate thisMonth = ShanghaiCalendar.dateOf(clock.instant()).withDayOfMonth(1);
            from = thisMonth.minusMonths(1);
            to = thisMonth;
        } else if (from == null) {
            throw ProblemException.invalidField("from", "required with to (both or neither)");
        } else if (to == null) {
            throw ProblemException.invalidField("to", "required with from (both or neither)");
        }
        if (!from.isBefore(to)) {
            throw ProblemException.invalidField("to", "must be after from");
        }
        if (to.isAfter(from.plusYears(1))) {
            throw ProblemException.invalidField("to", "at most a year after from");
        }
        return accountability.report(orgId, from, to, liaisonId);
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.strip().matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw ProblemException.invalidField(field, "expected a date YYYY-MM-DD");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "not a date");
        }
        if (!StrictJson.inRange(date)) {
            throw ProblemException.invalidField(field, "must be between the years " + StrictJson.MIN_YEAR + " and "
                    + StrictJson.MAX_YEAR);
        }
        return date;
    }
}
