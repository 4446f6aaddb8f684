package cn.lianxin.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** contracts/asyncapi.yaml lists exactly the events of docs/domain.md §4, each with its schema, headers and key. */
class AsyncApiDocumentTest {

    /** The domain's table of topics and events (docs), copied by hand: a missing or extra event fails here. */
    static final List<String> DOMAIN_EVENTS = List.of(
            "lianxin.member.OrgCreated.v1",
            "lianxin.member.OrgChanged.v1",
            "lianxin.member.MemberRegistered.v1",
            "lianxin.member.MemberProfileChanged.v1",
            "lianxin.member.LiaisonAssigned.v1",
            "lianxin.member.MemberFlowedOut.v1",
            "lianxin.member.MemberReportedIn.v1",
            "lianxin.member.MemberReturned.v1",
            "lianxin.member.MemberTransferred.v1",
            "lianxin.member.TransferReceiptOverdue.v1",
            "lianxin.member.AnnualReviewOverdue.v1",
            "lianxin.member.TransferRecommended.v1",
            "lianxin.member.MemberStandingChanged.v1",
            "lianxin.member.RosterFiled.v1",
            "lianxin.member.RosterAcknowledged.v1",
            "lianxin.member.RosterReturned.v1",
            "lianxin.member.TransferIssued.v1",
            "lianxin.member.ReportInOverdue.v1",
            "lianxin.member.HandshakeEscalated.v1",
            "lianxin.member.ContactVerificationDue.v1",
            "lianxin.member.ContactDetailsConfirmed.v1",
            "lianxin.contact.ContactRecorded.v1",
            "lianxin.contact.ContactMissed.v1",
            "lianxin.contact.MemberUncontrolled.v1",
            "lianxin.contact.LostContactSuspected.v1",
            "lianxin.contact.SelfWithdrawalSuspected.v1",
            "lianxin.contact.DuesArrears.v1",
            "lianxin.contact.ContactRestored.v1",
            "lianxin.contact.CampaignOpened.v1",
            "lianxin.contact.CampaignReminderDue.v1",
            "lianxin.contact.CampaignClosed.v1",
            "lianxin.contact.AccountabilityReported.v1",
            "lianxin.case.CaseOpened.v1",
            "lianxin.case.SearchAttemptLogged.v1",
            "lianxin.case.CaseEscalated.v1",
            "lianxin.case.CaseRecheckDue.v1",
            "lianxin.case.MemberFound.v1",
            "lianxin.case.CaseDisposed.v1",
            "lianxin.case.FollowUpDue.v1",
            "lianxin.case.FollowUpMissed.v1",
            "lianxin.case.FollowUpRecorded.v1",
            "lianxin.case.CaseDetailsChanged.v1",
            "lianxin.case.StandingActionProposed.v1",
            "lianxin.case.CaseClosed.v1",
            "lianxin.case.MonthlyReportPublished.v1",
            "lianxin.case.LookupApprovalRequested.v1",
            "lianxin.case.LookupRefused.v1",
            "lianxin.case.LookupOverdue.v1",
            "lianxin.case.LookupRequested.v1",
            "lianxin.case.LookupAnswered.v1",
            "lianxin.notification.NotificationDelivered.v1",
            "lianxin.notification.NotificationFailed.v1");

    private static final JsonNode DOC = TestResources.yaml(EventSchemas.ASYNCAPI_RESOURCE);

    @Test
    void isAnAsyncApi3DocumentDescribingDeliverySemantics() {
        assertThat(DOC.path("asyncapi").asText()).isEqualTo("3.1.0");
        assertThat(DOC.path("info").path("title").asText()).isNotBlank();
        assertThat(DOC.path("info").path("version").asText()).isNotBlank();
        assertThat(DOC.path("info").path("description").asText())
                .containsIgnoringCase("at-least-once")
                .contains("outbox")
                .contains("ce_id")
                .contains("de-duplicate")
                .contains("key");
        assertThat(DOC.path("defaultContentType").asText()).isEqualTo("application/json");
    }

    @Test
    void knownTypesAreExactlyTheEventsOfTheDomain() {
        assertThat(DOMAIN_EVENTS).doesNotHaveDuplicates().hasSize(52);
        assertThat(EventSchemas.load().knownTypes()).containsExactlyInAnyOrderElementsOf(DOMAIN_EVENTS);
    }

    @Test
    void oneChannelPerTopicWithTheMessagesOfItsContext() {
        Map<String, Set<String>> expected = new TreeMap<>();
        for (String ceType : DOMAIN_EVENTS) {
            EventType type = EventType.parse(ceType);
            expected.computeIfAbsent(type.topic(), t -> new TreeSet<>()).add(type.name());
        }
        Map<String, Set<String>> actual = new TreeMap<>();
        DOC.path("channels").properties().forEach(channel -> {
            String address = channel.getValue().path("address").asText();
            assertThat(channel.getValue().path("bindings").path("kafka").path("topic").asText()).isEqualTo(address);
            Set<String> names = new TreeSet<>();
            channel.getValue().path("messages").properties().forEach(m -> {
                assertThat(m.getValue().path("$ref").asText()).isEqualTo("#/components/messages/" + m.getKey());
                names.add(m.getKey());
            });
            actual.put(address, names);
        });
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.keySet()).containsExactlyInAnyOrder("member.events", "contact.events", "case.events", "notification.events",
                "lookup.requests", "lookup.answers");
    }

    @Test
    void everyMessageHasNameTitleSummaryPayloadHeadersAndKey() {
        JsonNode messages = DOC.path("components").path("messages");
        assertThat(messages.size()).isEqualTo(DOMAIN_EVENTS.size());
        for (String ceType : DOMAIN_EVENTS) {
            EventType type = EventType.parse(ceType);
            JsonNode message = messages.path(type.name());
            assertThat(message.isObject()).as("message %s", type.name()).isTrue();
            assertThat(message.path("name").asText()).isEqualTo(type.name());
            assertThat(message.path("title").asText()).as("title of %s", type.name()).isNotBlank();
            assertThat(message.path("summary").asText()).as("summary of %s", type.name()).isNotBlank();
            assertThat(message.path("contentType").asText()).isEqualTo("application/json");

            String ref = message.path("payload").path("$ref").asText();
            assertThat(ref).isEqualTo("./schemas/" + type.context() + "/" + type.name() + ".v" + type.version() + ".json");
            assertThat(TestResources.exists("contracts/" + ref.substring(2))).as("%s exists", ref).isTrue();
            assertThat(TestResources.json(TestResources.text("contracts/" + ref.substring(2))).path("$id").asText())
                    .isEqualTo(type.schemaId());

            JsonNode headers = message.path("headers").path("allOf");
            assertThat(headers.get(0).path("$ref").asText()).isEqualTo("#/components/schemas/CloudEventHeaders");
            assertThat(headers.get(1).path("properties").path("ce_type").path("const").asText()).isEqualTo(ceType);
            assertThat(headers.get(1).path("properties").path("ce_source").path("const").asText()).isEqualTo(type.source());

            JsonNode key = message.path("bindings").path("kafka").path("key");
            assertThat(key.path("type").asText()).isEqualTo("string");
            assertThat(key.path("format").asText()).isEqualTo("uuid");
            assertThat(key.path("description").asText()).contains("ce_subject");
        }
    }

    @Test
    void everySchemaFileIsReferencedByExactlyOneMessage() throws IOException {
        Set<String> referenced = new HashSet<>();
        DOC.path("components").path("messages").forEach(m ->
                assertThat(referenced.add(m.path("payload").path("$ref").asText().substring("./schemas/".length()))).isTrue());
        Path root = TestResources.folder("contracts/schemas");
        try (Stream<Path> files = Files.walk(root)) {
            Set<String> onDisk = files.filter(f -> f.toString().endsWith(".json"))
                    .map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> !f.equals("common.v1.json"))
                    .collect(Collectors.toSet());
            assertThat(referenced).as("payload schemas referenced by messages vs schema files under contracts/schemas").isEqualTo(onDisk);
        }
    }

    @Test
    void headersAreTheCloudEventsBinaryModeHeaders() {
        JsonNode headers = DOC.path("components").path("schemas").path("CloudEventHeaders");
        List<String> required = new ArrayList<>();
        headers.path("required").forEach(r -> required.add(r.asText()));
        assertThat(required).containsExactlyInAnyOrderElementsOf(CloudEventHeaders.REQUIRED);
        JsonNode properties = headers.path("properties");
        assertThat(properties.path(CloudEventHeaders.SPECVERSION).path("const").asText()).isEqualTo(CloudEventHeaders.SPEC_VERSION);
        assertThat(properties.path(CloudEventHeaders.ID).path("format").asText()).isEqualTo("uuid");
        assertThat(properties.path(CloudEventHeaders.ID).path("description").asText()).contains("de-duplication");
        assertThat(properties.path(CloudEventHeaders.SUBJECT).path("format").asText()).isEqualTo("uuid");
        assertThat(properties.path(CloudEventHeaders.TIME).path("format").asText()).isEqualTo("date-time");
        assertThat(properties.path(CloudEventHeaders.CONTENT_TYPE).path("const").asText()).isEqualTo(CloudEventHeaders.CONTENT_TYPE_JSON);
        Set<String> sources = new LinkedHashSet<>();
        properties.path(CloudEventHeaders.SOURCE).path("enum").forEach(s -> sources.add(s.asText()));
        assertThat(sources).containsExactlyInAnyOrderElementsOf(
                DOMAIN_EVENTS.stream().map(t -> EventType.parse(t).source()).collect(Collectors.toSet()));
    }

    /**
     * The operations are Lianxin's: it sends every message of its own topics, one operation per topic, and receives the
     * departments' answers to lookups (the one topic written outside Lianxin).
     */
    @Test
    void lianxinSendsEveryMessageOfItsTopicsAndReceivesTheDepartmentsAnswers() {
        Map<String, Map<String, Set<String>>> byAction = new TreeMap<>();
        DOC.path("operations").properties().forEach(op -> {
            JsonNode operation = op.getValue();
            String action = operation.path("action").asText();
            assertThat(action).isIn("send", "receive");
            String channelRef = operation.path("channel").path("$ref").asText();
            assertThat(channelRef).startsWith("#/channels/");
            String channel = channelRef.substring("#/channels/".length());
            JsonNode channelNode = DOC.path("channels").path(channel);
            assertThat(channelNode.isObject()).isTrue();
            Set<String> messages = new TreeSet<>();
            operation.path("messages").forEach(m -> {
                String ref = m.path("$ref").asText();
                assertThat(ref).startsWith(channelRef + "/messages/");
                messages.add(ref.substring((channelRef + "/messages/").length()));
            });
            Set<String> channelMessages = new TreeSet<>();
            channelNode.path("messages").fieldNames().forEachRemaining(channelMessages::add);
            assertThat(messages).isEqualTo(channelMessages);
            assertThat(byAction.computeIfAbsent(action, a -> new TreeMap<>()).put(channelNode.path("address").asText(), messages))
                    .as("one %s operation per topic", action).isNull();
        });
        assertThat(byAction.get("send").keySet()).containsExactlyInAnyOrder("member.events", "contact.events", "case.events",
                "notification.events", "lookup.requests");
        assertThat(byAction.get("receive").keySet()).containsExactly("lookup.answers");
    }
}
