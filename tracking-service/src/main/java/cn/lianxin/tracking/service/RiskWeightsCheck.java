package cn.lianxin.tracking.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

import cn.lianxin.tracking.config.RiskConfig;
import cn.lianxin.tracking.domain.RiskWeights;

/** Refuses to start with weights of the loss-risk score that make no sense, naming the keys: no silent misconfiguration. */
@ApplicationScoped
public class RiskWeightsCheck {

    static final String PREFIX = "lianxin.tracking.risk.";

    void onStart(@Observes StartupEvent event, RiskConfig config) {
        check(config.weights());
    }

    /** @throws IllegalStateException naming every key whose value makes no sense */
    public static void check(RiskWeights weights) {
        List<String> violations = weights.violations(PREFIX);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("The weights of the loss-risk score make no sense: "
                    + String.join("; ", violations));
        }
    }
}
