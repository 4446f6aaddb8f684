package cn.lianxin.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Rules C1/C2: level 1 is the parent org, each level one org higher, the root at most. */
class EscalationLadderTest {

    private final UUID root = UUID.randomUUID();
    private final UUID committee = UUID.randomUUID();
    private final UUID generalBranch = UUID.randomUUID();
    private final UUID branch = UUID.randomUUID();
    private final List<UUID> path = List.of(root, committee, generalBranch, branch);

    @Test
    void escalatesToTheParentOrgFirst() {
        assertThat(EscalationLadder.next(path, 0)).contains(new EscalationLadder.Step(1, branch, generalBranch, false));
    }

    @Test
    void climbsOneLevelPerFurtherPeriodUpToTheRoot() {
        assertThat(EscalationLadder.next(path, 1)).contains(new EscalationLadder.Step(2, generalBranch, committee, false));
        assertThat(EscalationLadder.next(path, 2)).contains(new EscalationLadder.Step(3, committee, root, true));
        assertThat(EscalationLadder.next(path, 3)).as("at the root: no further escalation").isEmpty();
    }

    @Test
    void aRootBranchHasNowhereToEscalate() {
        assertThat(EscalationLadder.next(List.of(branch), 0)).isEmpty();
    }

    @Test
    void readsAMaterializedPath() {
        assertThat(EscalationLadder.parse("/" + root + "/" + committee + "/")).containsExactly(root, committee);
    }
}
