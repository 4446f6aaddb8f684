package cn.lianxin.member.messaging;

/**
 * What applies case-service's decisions to standing (党籍): implemented by the standing use case in service/, so that
 * the consumer reaches it without messaging/ depending on service/ — services depend on messaging/ for the event
 * payloads they publish, and dependencies run one way only (docs/architecture.md §6).
 */
public interface CaseDisposals {

    /** Applies a {@code CaseDisposed}; runs in the consumer's transaction, which also records the event as processed. */
    void apply(CaseDisposed decision);
}
