package cn.lianxin.cases.rest;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

/**
 * The scan API's own request body; the case API's requests are the service's {@code CaseCommands}, its responses the
 * service's {@code CaseViews}.
 */
public final class CaseDtos {

    private CaseDtos() {
    }

    public record Scan(@NotNull Instant asOf) {
    }
}
