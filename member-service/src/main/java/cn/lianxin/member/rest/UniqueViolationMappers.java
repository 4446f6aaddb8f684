package cn.lianxin.member.rest;

import jakarta.transaction.RollbackException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import cn.lianxin.member.service.UniqueViolations;
import cn.lianxin.platform.problem.ProblemMappers;

/**
 * The safety net for a unique-constraint race that surfaces outside a use case (at flush or at commit): 409
 * problem+json instead of the platform's 500. Runs before the platform's catch-all and hands everything else to it.
 */
public class UniqueViolationMappers {

    private final ProblemMappers platform = new ProblemMappers();

    @ServerExceptionMapper(priority = Priorities.USER + 500)
    public Response unexpected(RuntimeException e) {
        return UniqueViolations.conflict(e).map(platform::problem).orElseGet(() -> platform.unexpected(e));
    }

    /** A failed commit (jakarta.transaction.RollbackException is checked and reaches the resource unwrapped). */
    @ServerExceptionMapper
    public Response rolledBack(RollbackException e) {
        return UniqueViolations.conflict(e).map(platform::problem)
                .orElseGet(() -> platform.unexpected(new IllegalStateException("transaction rolled back", e)));
    }
}
