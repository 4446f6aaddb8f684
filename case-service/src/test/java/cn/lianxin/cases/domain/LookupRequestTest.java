package cn.lianxin.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The life of a lookup request (协查): asked, decided by an organization above the branch, answered once, chased. */
class LookupRequestTest {

    private static final UUID ROOT = UUID.randomUUID();
    private static final UUID COMMITTEE = UUID.randomUUID();
    private static final UUID BRANCH = UUID.randomUUID();
    private static final Instant ASKED = Instant.parse("2027-06-19T01:00:00Z");
    private static final Instant APPROVED = Instant.parse("2027-06-20T02:00:00Z");
    private static final Period TEN_DAYS = Period.ofDays(10);

    private static LookupRequest asked() {
        CaseFile file = new CaseFile();
        file.id = UUID.randomUUID();
        file.memberId = UUID.randomUUID();
        file.orgId = BRANCH;
        file.orgPath = "/" + ROOT + "/" + COMMITTEE + "/" + BRANCH + "/";
        file.episode = 1;
        return LookupRequest.ask(UUID.randomUUID(), file, Department.PUBLIC_SECURITY,
                LegalBasis.EDUCATION_MANAGEMENT_REGULATION, "《中国共产党党员教育管理工作条例》",
                List.of(LookupItem.HOUSEHOLD_REGISTRATION, LookupItem.CURRENT_ADDRESS), null, "secretary", ASKED);
    }

    private static LookupRequest approved() {
        LookupRequest request = asked();
        request.approve("org-admin", COMMITTEE, null, APPROVED, TEN_DAYS);
        return request;
    }

    @Test
    void aRequestStartsPendingApprovalWithItsItemsInDeclarationOrder() {
        LookupRequest request = asked();

        assertThat(request.state).isEqualTo(LookupState.PENDING_APPROVAL);
        assertThat(request.asked()).containsExactly(LookupItem.CURRENT_ADDRESS, LookupItem.HOUSEHOLD_REGISTRATION);
        assertThat(request.awaitsAnswer()).isFalse();
        assertThat(request.chaseDue(APPROVED.plus(Duration.ofDays(365)))).as("nothing was sent: nothing to chase").isFalse();
    }

    @Test
    void onlyAnOrganizationStrictlyAboveTheBranchAndNotTheRequesterDecides() {
        LookupRequest request = asked();

        assertThat(request.whyNotDecidableBy("secretary", COMMITTEE)).as("the requester").isPresent();
        assertThat(request.whyNotDecidableBy("org-admin", BRANCH)).as("the branch itself").isPresent();
        assertThat(request.whyNotDecidableBy("org-admin", UUID.randomUUID())).as("an org outside the path").isPresent();
        assertThat(request.whyNotDecidableBy("org-admin", null)).as("no org").isPresent();
        assertThat(request.whyNotDecidableBy("org-admin", COMMITTEE)).as("the superior committee").isEmpty();
        assertThat(request.whyNotDecidableBy("org-admin", ROOT)).as("the root above it").isEmpty();
    }

    @Test
    void approvalSendsTheRequestWithADeadlineAndRefusalSendsNothing() {
        LookupRequest request = approved();
        assertThat(request.state).isEqualTo(LookupState.APPROVED);
        assertThat(request.sentAt).isEqualTo(APPROVED);
        assertThat(request.answerDueAt).isEqualTo(APPROVED.plus(Duration.ofDays(10)));
        assertThat(request.awaitsAnswer()).isTrue();

        LookupRequest refused = asked();
        refused.refuse("org-admin", COMMITTEE, "依据不足", APPROVED);
        assertThat(refused.state).isEqualTo(LookupState.REFUSED);
        assertThat(refused.sentAt).isNull();
        assertThat(refused.awaitsAnswer()).isFalse();
    }

    @Test
    void aDecidedRequestCannotBeDecidedAgain() {
        LookupRequest request = approved();
        assertThatThrownBy(() -> request.refuse("org-admin", COMMITTEE, "晚了", APPROVED)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> request.approve("org-admin", COMMITTEE, null, APPROVED, TEN_DAYS))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyASentRequestIsAnsweredAndOnlyOnce() {
        LookupRequest pending = asked();
        assertThatThrownBy(() -> pending.answer(true, "住址", null, APPROVED, UUID.randomUUID(), null))
                .isInstanceOf(IllegalStateException.class);

        LookupRequest request = approved();
        request.answer(true, "住址", "回执1号", APPROVED.plus(Duration.ofDays(2)), UUID.randomUUID(), UUID.randomUUID());
        assertThat(request.state).isEqualTo(LookupState.ANSWERED);
        assertThat(request.found).isTrue();
        assertThat(request.awaitsAnswer()).isFalse();
        assertThatThrownBy(() -> request.answer(false, null, null, APPROVED, UUID.randomUUID(), null))
                .isInstanceOf(IllegalStateException.class);
        assertThat(request.chaseDue(APPROVED.plus(Duration.ofDays(30)))).as("answered: never chased").isFalse();
    }

    @Test
    void anUnansweredRequestIsChasedAtItsDeadlineOncePerPeriodHoweverLateTheScan() {
        LookupRequest request = approved();
        Instant due = APPROVED.plus(Duration.ofDays(10));

        assertThat(request.chaseDue(due.minusSeconds(1))).isFalse();
        assertThat(request.chaseDue(due)).isTrue();

        Instant lateScan = due.plus(Duration.ofDays(25)); // two and a half periods late: still one chase
        request.chase(lateScan, TEN_DAYS);
        assertThat(request.chaseCount).isEqualTo(1);
        assertThat(request.lastChasedAt).isEqualTo(lateScan);
        assertThat(request.answerDueAt).isEqualTo(lateScan.plus(Duration.ofDays(10)));
        assertThat(request.chaseDue(lateScan)).as("the same scan again finds nothing due").isFalse();
        assertThatThrownBy(() -> request.chase(lateScan, TEN_DAYS)).isInstanceOf(IllegalStateException.class);

        request.chase(lateScan.plus(Duration.ofDays(10)), TEN_DAYS);
        assertThat(request.chaseCount).isEqualTo(2);
    }

    @Test
    void aDepartmentIsAskedOnlyWhatItKeeps() {
        assertThat(LookupRequest.notKeptBy(Department.TELECOM, List.of(LookupItem.PHONE_IN_USE))).isEmpty();
        assertThat(LookupRequest.notKeptBy(Department.TELECOM, List.of(LookupItem.PHONE_IN_USE, LookupItem.INSURED_EMPLOYER)))
                .containsExactly(LookupItem.INSURED_EMPLOYER);
        assertThat(LookupRequest.notKeptBy(Department.SOCIAL_SECURITY, List.of(LookupItem.INSURED_EMPLOYER))).isEmpty();
        for (Department department : Department.values()) {
            assertThat(department.channel().name()).as("the search channel of %s", department).isEqualTo(department.name());
            assertThat(department.answers()).isNotEmpty();
        }
    }
}
