package cn.lianxin.cases.config;

import java.time.Period;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import cn.lianxin.cases.domain.FollowUpPlan;
import cn.lianxin.cases.domain.ProcedureCheck;

/** Thresholds of docs/domain.md §3 (rules C1–C8); a city sets its own policy here, without a code change. */
@ConfigMapping(prefix = "lianxin.cases")
public interface CaseRules {

    /** C1: the first search attempt must be logged within this period of discovery. */
    @WithDefault("P30D")
    Period verificationDeadline();

    /** C2: each further period without a new attempt escalates one more level up the tree. */
    @WithDefault("P30D")
    Period escalationInterval();

    /** C3: 每周一排查 — an open case without an attempt for this long gets a re-check reminder. */
    @WithDefault("P7D")
    Period recheckInterval();

    /** C4: lost this long (and searched enough) → propose 停止党籍 / 取消预备党员资格. */
    @WithDefault("P6M")
    Period suspensionAfter();

    /** C4: distinct search channels required, a field visit among them. */
    @WithDefault("3")
    int suspensionMinChannels();

    /** C5: suspended and unreachable this long → propose 除名. */
    @WithDefault("P2Y")
    Period removalAfter();

    /** C6: a suspended member found within this period of the suspension may be restored. */
    @WithDefault("P2Y")
    Period restoreWithin();

    /** 劝退/除名: no re-admission before this period has passed. */
    @WithDefault("P5Y")
    Period readmissionBar();

    /** 限期改正: the correction period in months, inclusive bounds. */
    @WithDefault("6")
    int correctionMinMonths();

    @WithDefault("12")
    int correctionMaxMonths();

    FollowUp followUp();

    /** Cross-department lookups (联合公安、电信、社保、房管 查询). */
    Lookup lookup();

    /** When the daily scan runs (Asia/Shanghai); {@code off} disables it (tests drive scans via the API). */
    @WithDefault("0 0 1 * * ?")
    String scanCron();

    /** The thresholds a decision's procedure is checked against, as a value of the domain. */
    default ProcedureCheck.Thresholds procedure() {
        return new ProcedureCheck.Thresholds(correctionMinMonths(), correctionMaxMonths(), readmissionBar(),
                restoreWithin(), suspensionAfter(), suspensionMinChannels());
    }

    /** Lookups of a department (协查). */
    interface Lookup {

        /** An approved request unanswered this long after it was sent (or last chased) is chased (催办) once. */
        @WithDefault("P10D")
        Period answerWithin();
    }

    /** C7: the tapering follow-up plan (回访) after a disposition. */
    interface FollowUp {

        @WithDefault("4")
        int weeklyCount();

        @WithDefault("P7D")
        Period weeklyInterval();

        @WithDefault("3")
        int monthlyCount();

        @WithDefault("P1M")
        Period monthlyInterval();

        /** A follow-up not recorded this long after it was due is missed (FollowUpMissed). */
        @WithDefault("P3D")
        Period grace();

        /** How the plan tapers, as a value of the domain. */
        default FollowUpPlan.Tapering plan() {
            return new FollowUpPlan.Tapering(weeklyCount(), weeklyInterval(), monthlyCount(), monthlyInterval());
        }
    }
}
