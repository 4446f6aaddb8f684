package cn.lianxin.member.rest;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

/** The scan API's request body (its answer is the service's {@code TransferViews.ScanResult}). */
public final class ScanDtos {

    private ScanDtos() {
    }

    public record ScanRequest(@NotNull Instant asOf) {
    }
}
