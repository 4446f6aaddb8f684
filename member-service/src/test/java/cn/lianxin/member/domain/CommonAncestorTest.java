package cn.lianxin.member.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class CommonAncestorTest {

    private final UUID root = UUID.randomUUID();
    private final UUID committee = UUID.randomUUID();
    private final UUID branchA = UUID.randomUUID();
    private final UUID branchB = UUID.randomUUID();
    private final UUID otherCommittee = UUID.randomUUID();
    private final UUID branchC = UUID.randomUUID();

    @Test
    void twoBranchesOfOneCommitteeMeetAtTheCommittee() {
        assertThat(CommonAncestor.of(List.of(root, committee, branchA), List.of(root, committee, branchB))).contains(committee);
    }

    @Test
    void branchesOfDifferentCommitteesMeetAtTheirCommonRoot() {
        assertThat(CommonAncestor.of(List.of(root, committee, branchA), List.of(root, otherCommittee, branchC))).contains(root);
    }

    @Test
    void anOrgAndItsAncestorMeetAtTheAncestor() {
        assertThat(CommonAncestor.of(List.of(root, committee, branchA), List.of(root, committee))).contains(committee);
        assertThat(CommonAncestor.of(List.of(root, committee, branchA), List.of(root, committee, branchA))).contains(branchA);
    }

    @Test
    void orgsOfSeparateTreesHaveNoCommonAncestor() {
        assertThat(CommonAncestor.of(List.of(root, committee), List.of(otherCommittee, branchC))).isEmpty();
    }
}
