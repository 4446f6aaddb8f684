package cn.lianxin.member.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import cn.lianxin.member.service.TooManyDuplicateHits;
import cn.lianxin.platform.problem.ProblemMappers;

/** 429 problem+json with {@code Retry-After} (seconds) for a caller above the duplicate-hit limit. */
public class DuplicateHitMappers {

    private final ProblemMappers platform = new ProblemMappers();

    @ServerExceptionMapper
    public Response tooMany(TooManyDuplicateHits e) {
        return Response.fromResponse(platform.problem(e)).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
    }
}
