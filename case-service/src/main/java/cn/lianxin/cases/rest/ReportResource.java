package cn.lianxin.cases.rest;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.cases.service.CaseQueries;
import cn.lianxin.cases.service.ReportService;
import cn.lianxin.cases.service.ReportService.MonthlyReport;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.Roles;

@Path("/api/v1/reports/monthly")
@Tag(name = "Reports", description = "每月一上报: the monthly lost-contact report of an org subtree")
public class ReportResource {

    private final ReportService reports;
    private final CaseQueries queries;

    public ReportResource(ReportService reports, CaseQueries queries) {
        this.reports = reports;
        this.queries = queries;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    public MonthlyReport json(@QueryParam("orgId") String orgId, @QueryParam("month") String month) {
        return report(orgId, month);
    }

    @GET
    @Produces(MonthlyReportXlsx.MEDIA_TYPE)
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    public Response xlsx(@QueryParam("orgId") String orgId, @QueryParam("month") String month) {
        MonthlyReport report = report(orgId, month);
        StreamingOutput body = out -> MonthlyReportXlsx.write(report, out);
        return Response.ok(body, MonthlyReportXlsx.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"report-" + report.month() + ".xlsx\"")
                .build();
    }

    private MonthlyReport report(String org, String month) {
        UUID orgId = QueryParams.uuid("orgId", org);
        if (orgId == null) {
            throw ProblemException.invalidField("orgId", "required");
        }
        YearMonth yearMonth = parse(month);
        queries.subtreePrefix(orgId); // 404 outside the caller's subtree
        return reports.monthly(orgId, yearMonth);
    }

    private static YearMonth parse(String month) {
        if (month == null || !month.matches("\\d{4}-\\d{2}")) {
            throw ProblemException.invalidField("month", "required, as YYYY-MM");
        }
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("month", "not a month: " + month);
        }
    }
}
