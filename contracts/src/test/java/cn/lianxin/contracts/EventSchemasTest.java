package cn.lianxin.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.AbsoluteIri;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static cn.lianxin.contracts.TestResources.sample;
import static cn.lianxin.contracts.TestResources.sampleNode;
import static cn.lianxin.contracts.TestResources.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSchemasTest {

    private static final EventSchemas SCHEMAS = EventSchemas.load();

    private static final String MEMBER_REGISTERED = "lianxin.member.MemberRegistered.v1";
    private static final String ORG_CREATED = "lianxin.member.OrgCreated.v1";
    private static final String CONTACT_RECORDED = "lianxin.contact.ContactRecorded.v1";
    private static final String CASE_DISPOSED = "lianxin.case.CaseDisposed.v1";

    // ------------------------------------------------------------------------------------------------ samples

    @TestFactory
    Stream<DynamicTest> everyEventHasAValidSample() {
        return SCHEMAS.knownTypes().stream().map(type -> DynamicTest.dynamicTest(type, () -> {
            assertThat(SCHEMAS.validate(type, sample(type))).as("violations of samples for %s", type).isEmpty();
            assertThatCode(() -> SCHEMAS.assertValid(type, sample(type))).doesNotThrowAnyException();
        }));
    }

    @Test
    void everySampleBelongsToAKnownEventType() throws IOException {
        Set<String> known = SCHEMAS.knownTypes();
        try (Stream<Path> files = Files.list(TestResources.folder("samples"))) {
            List<String> orphans = files.map(f -> f.getFileName().toString())
                    .filter(f -> known.stream().noneMatch(t -> f.equals(EventType.parse(t).name() + ".v" + EventType.parse(t).version() + ".json")))
                    .toList();
            assertThat(orphans).as("sample files without an event type").isEmpty();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRequiredFieldIsEnforced() {
        return SCHEMAS.knownTypes().stream().flatMap(type -> {
            JsonNode schema = TestResources.json(TestResources.text(EventType.parse(type).schemaResource()));
            List<DynamicTest> tests = new ArrayList<>();
            for (JsonNode field : schema.get("required")) {
                String name = field.asText();
                tests.add(DynamicTest.dynamicTest(type + " without " + name, () -> {
                    ObjectNode payload = sampleNode(type);
                    payload.remove(name);
                    assertThat(SCHEMAS.validate(type, write(payload)))
                            .anySatisfy(v -> assertThat(v).contains("required property '" + name + "' not found"));
                }));
            }
            return tests.stream();
        });
    }

    /** Personal identifiers never leave member-service: no payload, at no depth, accepts an ID number. */
    @TestFactory
    Stream<DynamicTest> idNumberIsRejectedInEveryObjectOfEveryEvent() {
        return SCHEMAS.knownTypes().stream().flatMap(type -> {
            List<DynamicTest> tests = new ArrayList<>();
            for (String pointer : objectPointers(sampleNode(type), "")) {
                tests.add(DynamicTest.dynamicTest(type + " idNumber at '" + pointer + "'", () -> {
                    ObjectNode payload = sampleNode(type);
                    ((ObjectNode) payload.at(pointer)).put("idNumber", "110101199003077777");
                    assertThat(SCHEMAS.validate(type, write(payload)))
                            .anySatisfy(v -> assertThat(v).contains("'idNumber' is not defined in the schema"));
                }));
            }
            return tests.stream();
        });
    }

    @TestFactory
    Stream<DynamicTest> additionalPropertiesAreRejected() {
        return SCHEMAS.knownTypes().stream().map(type -> DynamicTest.dynamicTest(type, () -> {
            ObjectNode payload = sampleNode(type);
            payload.put("entity", "dump");
            assertThat(SCHEMAS.validate(type, write(payload)))
                    .containsExactly("$: property 'entity' is not defined in the schema and the schema does not allow additional properties");
        }));
    }

    // ------------------------------------------------------------------------------------------------ typical mistakes

    @Test
    void wrongEnumValueIsReportedWithTheAllowedValues() {
        assertThat(violations(MEMBER_REGISTERED, p -> p.put("gender", "M")))
                .containsExactly("$.gender: does not have a value in the enumeration [\"MALE\", \"FEMALE\"]");
        assertThat(violations(MEMBER_REGISTERED, p -> p.put("standing", "LOST")))
                .singleElement().asString().startsWith("$.standing: does not have a value in the enumeration");
    }

    @Test
    void badUuidIsReported() {
        assertThat(violations(CONTACT_RECORDED, p -> p.put("memberId", "12345")))
                .anySatisfy(v -> assertThat(v).startsWith("$.memberId: does not match the uuid pattern"));
    }

    @Test
    void upperCaseUuidIsRejectedBecauseKeysAreComparedAsStrings() {
        assertThat(violations(CONTACT_RECORDED, p -> p.put("memberId", "2D4E6F80-91A2-4B3C-8D4E-5F6A7B8C9D01")))
                .singleElement().asString().startsWith("$.memberId: does not match the regex pattern");
    }

    @Test
    void dateTimeWithoutOffsetIsRejected() {
        assertThat(violations(CONTACT_RECORDED, p -> p.put("at", "2027-03-05T19:30:00")))
                .containsExactly("$.at: does not match the date-time pattern must be a valid RFC 3339 date-time");
        assertThat(violations(CONTACT_RECORDED, p -> p.put("at", "2027-03-05")))
                .containsExactly("$.at: does not match the date-time pattern must be a valid RFC 3339 date-time");
    }

    @Test
    void impossibleDateIsRejected() {
        assertThat(violations(MEMBER_REGISTERED, p -> p.put("joinedAt", "2012-02-30")))
                .containsExactly("$.joinedAt: does not match the date pattern must be a valid RFC 3339 full-date");
        assertThat(violations(MEMBER_REGISTERED, p -> p.put("joinedAt", "2012-07-01T00:00:00+08:00")))
                .singleElement().asString().startsWith("$.joinedAt: does not match the date pattern");
    }

    @Test
    void periodMustBeIso8601() {
        assertThat(violations("lianxin.contact.DuesArrears.v1", p -> p.put("threshold", "3 months")))
                .singleElement().asString().startsWith("$.threshold: does not match the regex pattern");
        assertThat(violations("lianxin.contact.DuesArrears.v1", p -> p.put("threshold", "P")))
                .isNotEmpty();
    }

    @Test
    void contactDetailsAreChecked() {
        assertThat(violations(MEMBER_REGISTERED, p -> ((ObjectNode) p.get("contact")).put("phone", "12345")))
                .singleElement().asString().startsWith("$.contact.phone: does not match the regex pattern");
        assertThat(violations(MEMBER_REGISTERED, p -> ((ObjectNode) p.get("contact")).put("email", "zhangwei-at-example")))
                .singleElement().asString().startsWith("$.contact.email: does not match the email pattern");
        assertThat(violations(ORG_CREATED, p -> p.put("wechatGroupUrl", "weixin group 1")))
                .isNotEmpty().allSatisfy(v -> assertThat(v).startsWith("$.wechatGroupUrl"));
    }

    @Test
    void wrongJsonTypeIsReported() {
        assertThat(violations("lianxin.contact.ContactMissed.v1", p -> p.put("daysOverdue", "7")))
                .containsExactly("$.daysOverdue: string found, integer expected");
    }

    // ------------------------------------------------------------------------------------------------ rules in schemas

    @Test
    void rootOrgHasNullParentAndAPathOfItself() {
        assertThat(violations(ORG_CREATED, p -> {
            p.putNull("parentId");
            p.putArray("path").add(p.get("orgId").asText());
        })).isEmpty();
        assertThat(violations(ORG_CREATED, p -> p.putNull("parentId")))
                .containsExactly("$.path: must have at most 1 items but found 3");
        assertThat(violations(ORG_CREATED, p -> p.putArray("path").add(p.get("orgId").asText())))
                .containsExactly("$.path: must have at least 2 items but found 1");
    }

    @Test
    void standingChangingDispositionNeedsTheApprovalReference() {
        assertThat(violations(CASE_DISPOSED, p -> ((ObjectNode) p.get("procedure")).remove("approvalRef")))
                .containsExactly("$.procedure: required property 'approvalRef' not found");
        assertThat(violations(CASE_DISPOSED, p -> p.remove("procedure")))
                .contains("$: required property 'procedure' not found");
    }

    @Test
    void dispositionNamesTheStandingMemberServiceApplies() {
        assertThat(violations(CASE_DISPOSED, p -> p.remove("standingTo")))
                .contains("$: required property 'standingTo' not found");
        assertThat(violations(CASE_DISPOSED, p -> p.put("type", "RESTORED")))
                .containsExactly("$.standingTo: must be the constant value 'ACTIVE'");
        assertThat(violations(CASE_DISPOSED, p -> {
            p.put("type", "PERSUADED_TO_QUIT");
            p.put("standingTo", "REMOVED");
        })).containsExactly("$: required property 'readmissionBarUntil' not found");
        assertThat(violations(CASE_DISPOSED, p -> {
            p.put("type", "REMOVED");
            p.put("standingTo", "REMOVED");
            p.put("readmissionBarUntil", "2032-12-20");
        })).isEmpty();
    }

    @Test
    void correctionChangesNoStandingAndLastsSixToTwelveMonths() {
        Consumer<ObjectNode> correction = p -> {
            p.put("type", "CORRECTION");
            p.remove("standingTo");
            p.put("correctionMonths", 6);
            p.put("correctionUntil", "2028-06-20");
        };
        assertThat(violations(CASE_DISPOSED, correction)).isEmpty();
        assertThat(violations(CASE_DISPOSED, correction.andThen(p -> p.put("standingTo", "SUSPENDED")))).isNotEmpty();
        assertThat(violations(CASE_DISPOSED, correction.andThen(p -> p.put("correctionMonths", 13))))
                .containsExactly("$.correctionMonths: must have a maximum value of 12");
        assertThat(violations(CASE_DISPOSED, correction.andThen(p -> p.remove("correctionUntil"))))
                .containsExactly("$: required property 'correctionUntil' not found");
    }

    @Test
    void reintegrationNeedsNoProcedure() {
        assertThat(violations(CASE_DISPOSED, p -> {
            p.put("type", "REINTEGRATED");
            p.remove("standingTo");
            p.remove("procedure");
            p.put("reintegration", "RELATIONSHIP_TRANSFERRED");
        })).isEmpty();
    }

    @Test
    void suspensionProposalNeedsThreeChannelsIncludingAFieldVisit() {
        String type = "lianxin.case.StandingActionProposed.v1";
        assertThat(violations(type, p -> p.putArray("channelsTried").add("PHONE").add("VISIT_HOME")))
                .containsExactly("$.channelsTried: must have at least 3 items but found 2");
        assertThat(violations(type, p -> p.put("fieldVisitDone", false)))
                .containsExactly("$.fieldVisitDone: must be the constant value 'true'");
        assertThat(violations(type, p -> p.put("action", "REMOVE")))
                .containsExactly("$: required property 'suspendedAt' not found");
    }

    @Test
    void removalCarriesTheReadmissionBarAndEveryDecisionItsReference() {
        String type = "lianxin.member.MemberStandingChanged.v1";
        assertThat(violations(type, p -> p.put("to", "REMOVED")))
                .containsExactly("$: required property 'readmissionBarUntil' not found");
        assertThat(violations(type, p -> p.remove("decisionRef")))
                .containsExactly("$: required property 'decisionRef' not found");
        assertThat(violations(type, p -> {
            p.put("to", "DECEASED");
            p.remove("decisionRef");
            p.remove("approvalRef");
            p.remove("caseId");
            p.remove("disposition");
            p.put("diedOn", "2027-11-02");
            p.put("learnedHow", "家属告知");
        })).isEmpty();
    }

    @Test
    void aStandingChangeOutsideACaseCarriesItsRequiredFacts() {
        String type = "lianxin.member.MemberStandingChanged.v1";
        assertThat(violations(type, p -> {
            p.put("to", "DECEASED");
            p.remove("decisionRef");
        })).containsExactlyInAnyOrder("$: required property 'diedOn' not found",
                "$: required property 'learnedHow' not found");
        assertThat(violations(type, p -> p.put("to", "WITHDRAWN")))
                .containsExactly("$: required property 'applicationDate' not found");
        assertThat(violations(type, p -> p.put("to", "EXPELLED")))
                .containsExactly("$: required property 'approvingOrg' not found");
        assertThat(violations(type, p -> {
            p.put("to", "EXPELLED");
            p.put("approvingOrg", "中共X区纪律检查委员会");
            p.put("recordedBy", "org-admin@x");
        })).isEmpty();
    }

    @Test
    void transferGoesToExactlyOneTarget() {
        String type = "lianxin.member.MemberTransferred.v1";
        assertThat(violations(type, p -> p.remove("toOrgId")))
                .contains("$: required property 'toOrgId' not found", "$: required property 'toExternalOrg' not found");
        assertThat(violations(type, p -> p.putObject("toExternalOrg").put("name", "中共某省某市委").put("region", "某省某市")))
                .singleElement().asString().contains("must be valid to one and only one schema, but 2 are valid");
    }

    @Test
    void escalatedMissCarriesItsGracePeriod() {
        String type = "lianxin.contact.ContactMissed.v1";
        assertThat(violations(type, p -> p.remove("graceEndsAt")))
                .containsExactly("$: required property 'graceEndsAt' not found");
        assertThat(violations(type, p -> {
            p.put("level", "REMINDER");
            p.remove("grace");
            p.remove("graceEndsAt");
        })).isEmpty();
    }

    @Test
    void manualCaseNamesItsSituationAndAutomaticCaseItsSourceEvent() {
        String type = "lianxin.case.CaseOpened.v1";
        assertThat(violations(type, p -> {
            p.put("trigger", "MANUAL");
            p.remove("situation");
            p.remove("sourceEventId");
        })).containsExactly("$: required property 'situation' not found");
        assertThat(violations(type, p -> p.remove("sourceEventId")))
                .containsExactly("$: required property 'sourceEventId' not found");
    }

    @Test
    void flowingLostMemberNamesTheOutflow() {
        assertThat(violations("lianxin.contact.LostContactSuspected.v1", p -> p.remove("outflowId")))
                .containsExactly("$: required property 'outflowId' not found");
    }

    // ------------------------------------------------------------------------------------------------ API behaviour

    @Test
    void unknownCeTypeIsAViolation() {
        assertThat(SCHEMAS.validate("lianxin.member.OrgDissolved.v1", "{}"))
                .containsExactly("unknown ce_type 'lianxin.member.OrgDissolved.v1': not one of the 52 event types of contracts/asyncapi.yaml");
        assertThat(SCHEMAS.validate("lianxin.member.OrgCreated.v2", sample(ORG_CREATED))).singleElement().asString().startsWith("unknown ce_type");
        assertThat(SCHEMAS.validate(null, sample(ORG_CREATED))).singleElement().asString().startsWith("unknown ce_type 'null'");
    }

    @Test
    void payloadThatIsNotJsonIsAViolation() {
        assertThat(SCHEMAS.validate(ORG_CREATED, "{")).singleElement().asString().startsWith("payload is not valid JSON (line 1, column 2)");
        assertThat(SCHEMAS.validate(ORG_CREATED, sample(ORG_CREATED) + " {}")).singleElement().asString().startsWith("payload is not valid JSON");
        assertThat(SCHEMAS.validate(ORG_CREATED, "{\"orgId\":\"a\",\"orgId\":\"b\"}")).singleElement().asString().contains("Duplicate field 'orgId'");
        assertThat(SCHEMAS.validate(ORG_CREATED, (String) null)).containsExactly("payload is missing");
        assertThat(SCHEMAS.validate(ORG_CREATED, "[]")).containsExactly("$: array found, object expected");
    }

    @Test
    void assertValidListsEveryViolation() {
        ObjectNode payload = sampleNode(MEMBER_REGISTERED);
        payload.put("gender", "M");
        payload.remove("orgId");
        payload.put("idNumber", "110101199003077777");

        assertThatThrownBy(() -> SCHEMAS.assertValid(MEMBER_REGISTERED, write(payload)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Payload of lianxin.member.MemberRegistered.v1 violates its contract (3 violations):")
                .hasMessageContaining("\n  - $.gender: does not have a value in the enumeration")
                .hasMessageContaining("\n  - $: required property 'orgId' not found")
                .hasMessageContaining("\n  - $: property 'idNumber' is not defined in the schema")
                .hasMessageContaining("\nPayload: {");
        assertThatThrownBy(() -> SCHEMAS.assertValid("lianxin.member.Nope.v1", "{}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("unknown ce_type");
    }

    @Test
    void loadsOnceAndValidatesConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<String>>> jobs = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                jobs.add(() -> {
                    assertThat(EventSchemas.load()).isSameAs(SCHEMAS);
                    List<String> all = new ArrayList<>();
                    for (String type : SCHEMAS.knownTypes()) {
                        all.addAll(EventSchemas.load().validate(type, sample(type)));
                    }
                    return all;
                });
            }
            for (Future<List<String>> result : pool.invokeAll(jobs)) {
                assertThat(result.get()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void knownTypesCannotBeModified() {
        assertThatThrownBy(() -> SCHEMAS.knownTypes().add("lianxin.member.Fake.v1"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void schemasAreNeverFetchedFromTheNetwork() {
        var loader = new EventSchemas.OfflineClasspathLoader(getClass().getClassLoader());
        assertThatThrownBy(() -> loader.getSchema(AbsoluteIri.of("https://example.org/schemas/x.json")).getInputStream())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("offline");
        assertThatCode(() -> loader.getSchema(AbsoluteIri.of("classpath:contracts/schemas/common.v1.json")).getInputStream().close())
                .doesNotThrowAnyException();
    }

    // ------------------------------------------------------------------------------------------------ records

    @Test
    void wellFormedRecordPasses() {
        String payload = sample(MEMBER_REGISTERED);
        String memberId = TestResources.json(payload).get("memberId").asText();

        assertThat(SCHEMAS.validateRecord(memberId, headers(MEMBER_REGISTERED, "/member-service", memberId), payload)).isEmpty();
        assertThatCode(() -> SCHEMAS.assertValidRecord(memberId, headers(MEMBER_REGISTERED, "/member-service", memberId), payload))
                .doesNotThrowAnyException();
    }

    @Test
    void orgEventsAreKeyedByOrgId() {
        String payload = sample(ORG_CREATED);
        String orgId = TestResources.json(payload).get("orgId").asText();

        assertThat(SCHEMAS.validateRecord(orgId, headers(ORG_CREATED, "/member-service", orgId), payload)).isEmpty();
    }

    @Test
    void recordEnvelopeMistakesAreReported() {
        String payload = sample(CONTACT_RECORDED);
        String memberId = TestResources.json(payload).get("memberId").asText();
        String otherId = "2d4e6f80-91a2-4b3c-8d4e-5f6a7b8c9d99";

        Map<String, String> headers = headers(CONTACT_RECORDED, "/member-service", otherId);
        headers.remove(CloudEventHeaders.ID);
        headers.put(CloudEventHeaders.SPECVERSION, "0.3");
        headers.put(CloudEventHeaders.TIME, "2027-03-05 19:30");
        headers.put(CloudEventHeaders.CONTENT_TYPE, "text/plain");

        assertThat(SCHEMAS.validateRecord(memberId, headers, payload)).containsExactly(
                "header ce_id is missing",
                "header ce_specversion is '0.3', expected '1.0'",
                "header ce_source is '/member-service', but lianxin.contact.ContactRecorded.v1 is produced by /tracking-service",
                "record key '" + memberId + "' differs from header ce_subject '" + otherId + "'",
                "header ce_time is '2027-03-05 19:30', expected an RFC 3339 date-time with offset",
                "header content-type is 'text/plain', expected 'application/json'",
                "header ce_subject '" + otherId + "' is not the payload's subject '" + memberId + "' (memberId, or orgId when there is none)");
    }

    @Test
    void recordWithInvalidPayloadFailsWithTheSchemaViolations() {
        ObjectNode payload = sampleNode(CONTACT_RECORDED);
        payload.put("channel", "TELEPATHY");
        String memberId = payload.get("memberId").asText();
        Map<String, String> headers = headers(CONTACT_RECORDED, "/tracking-service", memberId);
        headers.put(CloudEventHeaders.CONTENT_TYPE, "application/json; charset=utf-8");

        assertThatThrownBy(() -> SCHEMAS.assertValidRecord(memberId, headers, write(payload)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Record lianxin.contact.ContactRecorded.v1 (key " + memberId + ") violates its contract (1 violation):")
                .hasMessageContaining("$.channel: does not have a value in the enumeration");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static List<String> violations(String type, Consumer<ObjectNode> change) {
        ObjectNode payload = sampleNode(type);
        change.accept(payload);
        return SCHEMAS.validate(type, write(payload));
    }

    // ------------------------------------------------------------------------------------------------ at the door

    @Test
    void violationsNameTheKeywordAndThePointerButNeverTheValue() {
        ObjectNode payload = sampleNode(MEMBER_REGISTERED);
        String secret = "王".repeat(51);
        payload.put("name", secret);
        payload.remove("orgId");
        ((ObjectNode) payload.get("contact")).put("phone", "not-a-phone-13800000001");
        payload.put("unexpected", true);
        payload.put("x".repeat(70) + "13800000002", true);

        List<EventSchemas.Violation> violations = SCHEMAS.violations(MEMBER_REGISTERED, payload);

        assertThat(violations).extracting(Object::toString).contains(
                "maxLength at /name", "required at /orgId", "pattern at /contact/phone", "additionalProperties at /unexpected",
                "additionalProperties at /");
        assertThat(violations.toString()).doesNotContain(secret, "not-a-phone", "13800000002", "xxxxxxxx");
        assertThat(SCHEMAS.violations(MEMBER_REGISTERED, sampleNode(MEMBER_REGISTERED))).isEmpty();
        assertThatThrownBy(() -> SCHEMAS.violations("lianxin.member.MemberRegistered.v9", payload))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, String> headers(String type, String source, String subject) {
        Map<String, String> headers = new HashMap<>();
        headers.put(CloudEventHeaders.SPECVERSION, CloudEventHeaders.SPEC_VERSION);
        headers.put(CloudEventHeaders.ID, "0f8e7d6c-5b4a-4392-8171-605f4e3d2c1b");
        headers.put(CloudEventHeaders.TYPE, type);
        headers.put(CloudEventHeaders.SOURCE, source);
        headers.put(CloudEventHeaders.SUBJECT, subject);
        headers.put(CloudEventHeaders.TIME, "2027-03-05T19:31:02.123+08:00");
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_JSON);
        return headers;
    }

    /** JSON pointers of every object in a document, the root included. */
    private static List<String> objectPointers(JsonNode node, String pointer) {
        List<String> pointers = new ArrayList<>();
        if (node.isObject()) {
            pointers.add(pointer);
            node.properties().forEach(e -> pointers.addAll(objectPointers(e.getValue(), pointer + "/" + e.getKey())));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                pointers.addAll(objectPointers(array.get(i), pointer + "/" + i));
            }
        }
        return pointers;
    }

}
