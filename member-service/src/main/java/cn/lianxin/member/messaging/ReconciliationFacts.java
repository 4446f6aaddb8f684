package cn.lianxin.member.messaging;

import java.time.Instant;
import java.util.List;

/**
 * What the reconciliation report (空挂: no REACHED contact for a year and no open case) keeps of the other services'
 * facts: implemented in service/, so that the consumers reach it without messaging/ depending on service/ (as
 * {@link CaseDisposals}). Each runs in the consumer's transaction, which also records the event as processed.
 */
public interface ReconciliationFacts {

    /** Contacts were recorded (a run of them, in delivery order); only the REACHED ones are kept. */
    void contactsRecorded(List<ContactRecorded> contacts);

    /** A case file was opened (or reopened) at {@code at}. */
    void caseOpened(CaseFile file, Instant at);

    /** A case file was closed at {@code at}. */
    void caseClosed(CaseFile file, Instant at);
}
