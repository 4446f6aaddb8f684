package cn.lianxin.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every schema file is a valid JSON Schema 2020-12 document that follows the contract's conventions. */
class SchemaDocumentsTest {

    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    /** Events about an organization rather than a member: keyed and subject by org id. */
    private static final Set<String> ORG_LEVEL = Set.of("OrgCreated", "OrgChanged", "MonthlyReportPublished",
            "RosterFiled", "RosterAcknowledged", "RosterReturned", "CampaignOpened", "CampaignReminderDue", "CampaignClosed",
            "AccountabilityReported");
    /** Notification outcomes: about a member when the source event was (memberId optional), always with orgId. */
    private static final Set<String> NOTIFICATION = Set.of("NotificationDelivered", "NotificationFailed");
    /** Words that betray a personal identifier (身份证号) in a property name. */
    private static final Pattern PERSONAL_ID = Pattern.compile("(?i).*(id_?(number|no|card)|identity|citizen|passport|身份证).*");
    /** How an event schema (one folder down) refers to the shared definitions. */
    private static final String COMMON_REF = "../common.v1.json";
    private static final Set<String> COMPOSITION = Set.of("allOf", "anyOf", "oneOf", "not", "if", "then", "else");

    /** Schema files by path relative to contracts/schemas, e.g. member/OrgCreated.v1.json. */
    private static Map<String, JsonNode> documents;
    private static JsonNode common;

    @BeforeAll
    static void readSchemaFiles() throws IOException {
        Path root = TestResources.folder("contracts/schemas");
        documents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                documents.put(relative, TestResources.json(Files.readString(file)));
            }
        }
        common = documents.get("common.v1.json");
    }

    @Test
    void thereIsOneCommonDocumentAndOneSchemaPerEvent() {
        assertThat(common).as("common.v1.json").isNotNull();
        assertThat(documents.keySet()).allSatisfy(path -> assertThat(path).matches(
                "common\\.v1\\.json|(member|contact|case|notification)/[A-Z][A-Za-z0-9]*\\.v[1-9][0-9]*\\.json"));
        assertThat(documents).hasSize(EventSchemas.load().knownTypes().size() + 1);
    }

    @TestFactory
    Stream<DynamicTest> everySchemaIsValidAgainstTheDraft202012MetaSchema() {
        JsonSchema metaSchema = EventSchemas.offlineFactory(getClass().getClassLoader())
                .getSchema(SchemaLocation.of(DRAFT_2020_12), EventSchemas.validatorsConfig());
        return documents.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            assertThat(e.getValue().path("$schema").asText()).isEqualTo(DRAFT_2020_12);
            Set<ValidationMessage> violations = metaSchema.validate(e.getValue());
            assertThat(violations).as("meta-schema violations of %s", e.getKey()).isEmpty();
        }));
    }

    @Test
    void commonDefinitionsHaveTheirIdTitleAndDescription() {
        assertThat(common.path("$id").asText()).isEqualTo(EventSchemas.COMMON_ID);
        assertThat(common.path("description").asText()).isNotBlank();
        common.path("$defs").properties().forEach(def -> {
            assertThat(def.getValue().path("title").asText()).as("title of %s", def.getKey()).isEqualTo(def.getKey());
            assertThat(def.getValue().path("description").asText()).as("description of %s", def.getKey()).isNotBlank();
        });
        assertThat(common.path("$defs").has("ContactPerson")).isTrue();
        assertThat(common.path("$defs").has("OrgType")).isTrue();
        assertThat(common.path("$defs").has("Standing")).isTrue();
        assertThat(common.path("$defs").has("NotificationChannel")).isTrue();
    }

    @TestFactory
    Stream<DynamicTest> everyEventSchemaFollowsTheConventions() {
        return eventDocuments().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            String path = e.getKey();
            JsonNode schema = e.getValue();
            String context = path.substring(0, path.indexOf('/'));
            String file = path.substring(path.indexOf('/') + 1);
            String name = file.substring(0, file.indexOf('.'));
            String version = file.substring(file.indexOf(".v") + 2, file.lastIndexOf(".json"));
            String ceType = "lianxin." + context + "." + name + ".v" + version;

            assertThat(schema.path("$id").asText()).as("$id names the file").isEqualTo(EventSchemas.ID_BASE + path);
            assertThat(EventType.parse(ceType).schemaId()).isEqualTo(EventSchemas.ID_BASE + path);
            assertThat(schema.path("title").asText()).isEqualTo(name);
            assertThat(schema.path("description").asText()).hasSizeGreaterThan(40);
            assertThat(schema.path("type").asText()).isEqualTo("object");
            assertThat(schema.path("required").size()).isPositive();
            List<String> required = new ArrayList<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            if (ORG_LEVEL.contains(name)) {
                assertThat(required).contains("orgId");
            } else if (NOTIFICATION.contains(name)) {
                assertThat(required).contains("orgId");
                assertThat(schema.path("properties").has("memberId")).isTrue();
            } else {
                assertThat(required).as("an event about a member names the member and its branch").contains("memberId", "orgId");
            }
            assertThat(violationsOfObjectConventions(schema, "")).isEmpty();
        }));
    }

    @Test
    void commonObjectsFollowTheConventions() {
        assertThat(violationsOfObjectConventions(common, "")).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> noSchemaHasAPropertyForAPersonalIdentifier() {
        return documents.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () ->
                assertThat(propertyNames(e.getValue())).as("property names that look like a personal identifier").noneMatch(n -> PERSONAL_ID.matcher(n).matches())));
    }

    @TestFactory
    Stream<DynamicTest> everyReferenceResolves() {
        return documents.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            for (String ref : refs(e.getValue())) {
                JsonNode target;
                if (ref.startsWith("#")) {
                    target = e.getValue().at(ref.substring(1));
                } else {
                    // Relative, so that AsyncAPI tools (which resolve files) and validators (which resolve $id) agree.
                    assertThat(ref).startsWith(COMMON_REF + "#/$defs/");
                    target = common.at(ref.substring(COMMON_REF.length() + 1));
                }
                assertThat(target.isMissingNode()).as("%s in %s resolves", ref, e.getKey()).isFalse();
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everySchemaCompilesWithItsReferences() {
        var factory = EventSchemas.offlineFactory(getClass().getClassLoader());
        return EventSchemas.load().knownTypes().stream().map(type -> DynamicTest.dynamicTest(type, () -> {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(EventType.parse(type).schemaId()), EventSchemas.validatorsConfig());
            schema.initializeValidators();
            assertThat(schema.getValidators()).isNotEmpty();
        }));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Map<String, JsonNode> eventDocuments() {
        Map<String, JsonNode> events = new TreeMap<>(documents);
        events.remove("common.v1.json");
        return events;
    }

    /**
     * Every object schema (one with properties) is closed (additionalProperties: false), typed, documents each
     * property and requires only properties it declares. Composition keywords only add constraints and are skipped.
     */
    private static List<String> violationsOfObjectConventions(JsonNode node, String pointer) {
        List<String> violations = new ArrayList<>();
        if (!node.isObject()) {
            return violations;
        }
        JsonNode properties = node.get("properties");
        if (properties != null) {
            if (!"object".equals(node.path("type").asText())) {
                violations.add(pointer + ": type must be object");
            }
            if (!node.path("additionalProperties").isBoolean() || node.path("additionalProperties").asBoolean()) {
                violations.add(pointer + ": additionalProperties must be false");
            }
            properties.properties().forEach(p -> {
                if (p.getValue().path("description").asText().isBlank()) {
                    violations.add(pointer + "/properties/" + p.getKey() + ": description missing");
                }
            });
            node.path("required").forEach(r -> {
                if (!properties.has(r.asText())) {
                    violations.add(pointer + ": required '" + r.asText() + "' is not a property");
                }
            });
        }
        node.properties().forEach(child -> {
            String key = child.getKey();
            JsonNode value = child.getValue();
            if (COMPOSITION.contains(key)) {
                return;
            }
            if ((key.equals("properties") || key.equals("$defs")) && value.isObject()) {
                value.properties().forEach(p -> violations.addAll(
                        violationsOfObjectConventions(p.getValue(), pointer + "/" + key + "/" + p.getKey())));
            } else if (value.isObject()) {
                violations.addAll(violationsOfObjectConventions(value, pointer + "/" + key));
            }
        });
        return violations;
    }

    private static List<String> propertyNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("properties") && e.getValue().isObject()) {
                    e.getValue().properties().forEach(p -> names.add(p.getKey()));
                }
                names.addAll(propertyNames(e.getValue()));
            });
        } else if (node.isArray()) {
            node.forEach(item -> names.addAll(propertyNames(item)));
        }
        return names;
    }

    private static List<String> refs(JsonNode node) {
        List<String> refs = new ArrayList<>();
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    refs.addAll(refs(e.getValue()));
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> refs.addAll(refs(item)));
        }
        return refs;
    }
}
