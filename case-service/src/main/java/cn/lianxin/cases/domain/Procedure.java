package cn.lianxin.cases.domain;

import java.time.LocalDate;

/** The procedure of a decision (组织处置程序) as submitted; every part may be missing and is checked. */
public record Procedure(String body, LocalDate meetingDate, Integer eligible, Integer present, Integer votesFor,
        Integer votesAgainst, Integer abstentions, String talkRecord, String talkImpossibleEvidence,
        String approvalRef) {

    /** HELD when a talk (谈话) is on record, IMPOSSIBLE when evidence that talking was impossible is. */
    public String talk() {
        return hasText(talkRecord) ? "HELD" : hasText(talkImpossibleEvidence) ? "IMPOSSIBLE" : null;
    }

    static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
