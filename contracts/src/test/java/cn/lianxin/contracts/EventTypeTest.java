package cn.lianxin.contracts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTypeTest {

    @Test
    void parsesContextNameAndVersionFromCeType() {
        EventType type = EventType.parse("lianxin.member.OrgCreated.v1");

        assertThat(type.context()).isEqualTo("member");
        assertThat(type.name()).isEqualTo("OrgCreated");
        assertThat(type.version()).isEqualTo(1);
        assertThat(type.ceType()).isEqualTo("lianxin.member.OrgCreated.v1");
        assertThat(type).hasToString("lianxin.member.OrgCreated.v1");
    }

    @Test
    void topicIsContextDotEvents() {
        assertThat(EventType.parse("lianxin.member.OrgCreated.v1").topic()).isEqualTo("member.events");
        assertThat(EventType.parse("lianxin.contact.ContactMissed.v1").topic()).isEqualTo("contact.events");
        assertThat(EventType.parse("lianxin.case.CaseOpened.v2").topic()).isEqualTo("case.events");
        assertThat(EventType.parse("lianxin.notification.NotificationFailed.v1").topic()).isEqualTo("notification.events");
    }

    @Test
    void theLookupEventsOfACaseTravelOnTopicsOfTheirOwnAndEveryOtherCaseEventOnCaseEvents() {
        assertThat(EventType.parse("lianxin.case.LookupRequested.v1").topic()).isEqualTo("lookup.requests");
        assertThat(EventType.parse("lianxin.case.LookupAnswered.v1").topic()).isEqualTo("lookup.answers");
        assertThat(EventType.parse("lianxin.case.LookupOverdue.v1").topic()).isEqualTo("case.events");
        assertThat(EventType.parse("lianxin.case.LookupRefused.v1").topic()).isEqualTo("case.events");
        assertThat(EventType.parse("lianxin.member.LookupRequested.v1").topic()).isEqualTo("member.events");
    }

    @Test
    void theDepartmentsAnswerLookupsAndCaseServiceAsksThem() {
        assertThat(EventType.parse("lianxin.case.LookupRequested.v1").source()).isEqualTo("/case-service");
        assertThat(EventType.parse("lianxin.case.LookupAnswered.v1").source()).isEqualTo("/department-exchange");
        assertThat(EventType.parse("lianxin.case.LookupAnswered.v1").producer()).isEqualTo(EventType.DEPARTMENT_EXCHANGE);
    }

    @Test
    void sourceIsTheProducingService() {
        assertThat(EventType.parse("lianxin.member.MemberRegistered.v1").source()).isEqualTo("/member-service");
        assertThat(EventType.parse("lianxin.contact.ContactRecorded.v1").source()).isEqualTo("/tracking-service");
        assertThat(EventType.parse("lianxin.case.CaseOpened.v1").source()).isEqualTo("/case-service");
        assertThat(EventType.parse("lianxin.notification.NotificationDelivered.v1").source()).isEqualTo("/notification-service");
    }

    @Test
    void schemaIdAndResourceFollowTheNamingRule() {
        EventType type = new EventType("case", "CaseEscalated", 2);

        assertThat(type.ceType()).isEqualTo("lianxin.case.CaseEscalated.v2");
        assertThat(type.schemaId()).isEqualTo("https://lianxin.cn/contracts/schemas/case/CaseEscalated.v2.json");
        assertThat(type.schemaResource()).isEqualTo("contracts/schemas/case/CaseEscalated.v2.json");
        assertThat(EventType.parse(type.ceType())).isEqualTo(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "OrgCreated", "member.OrgCreated.v1", "lianxin.member.OrgCreated", "lianxin.member.OrgCreated.v0",
            "lianxin.member.orgCreated.v1", "lianxin.members.OrgCreated.v1", "lianxin.member.OrgCreated.v1 ", "LIANXIN.member.OrgCreated.v1",
            "lianxin.member.Org-Created.v1"})
    void rejectsWhatIsNotALianxinEventType(String ceType) {
        assertThatThrownBy(() -> EventType.parse(ceType))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a Lianxin event type");
    }

    @Test
    void rejectsMissingCeType() {
        assertThatThrownBy(() -> EventType.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
