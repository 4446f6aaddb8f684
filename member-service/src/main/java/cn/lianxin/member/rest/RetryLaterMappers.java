package cn.lianxin.member.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import cn.lianxin.member.service.RetryLater;
import cn.lianxin.platform.problem.ProblemMappers;

/**
 * Problem+json with {@code Retry-After} (seconds): a caller above the duplicate-hit limit (429), every roster import
 * slot taken (503).
 */
public class RetryLaterMappers {

    private final ProblemMappers platform = new ProblemMappers();

    @ServerExceptionMapper
    public Response retryLater(RetryLater e) {
        return Response.fromResponse(platform.problem(e)).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
    }
}
