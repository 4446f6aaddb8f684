package cn.lianxin.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The examples of a service's OpenAPI document (its {@code openapi/examples.json}, platform's {@code OperationExamples})
 * — and the service's real answers ({@code RoleScopeContract}) — judged against the schemas a client generator sees,
 * strictly: a property the schema does not declare is an error,
 * so an example cannot name a field the API does not have, nor miss a required one, nor hold a value of another type
 * or outside an enum.
 */
final class DocumentedExamples {

    private static final String JSON = "application~1json";
    private static final String COMPONENT = "#/components/schemas/";

    /** What is wrong: an invalid example, or a write without one. */
    record Finding(String operation, String what) {
        @Override
        public String toString() {
            return operation + ": " + what;
        }
    }

    private final JsonNode document;
    private final JsonNode strictSchemas;
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    DocumentedExamples(JsonNode document) {
        this.document = document;
        this.strictSchemas = strict(document.path("components").path("schemas").deepCopy());
    }

    /**
     * Every example against its schema, and every operation with a JSON request body (a write a front-end makes)
     * having an example of its request and of its success response, {@code exempt} ones ({@code METHOD /path}) aside.
     */
    List<Finding> findings(Set<String> exempt) {
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                String operation = method.getKey().toUpperCase() + " " + path.getKey();
                JsonNode request = method.getValue().at("/requestBody/content/" + JSON);
                boolean write = !request.isMissingNode();
                if (write && !exempt.contains(operation) && !request.has("example")) {
                    findings.add(new Finding(operation, "no request example"));
                }
                if (request.has("example")) {
                    findings.addAll(judge(operation + " request", request));
                }
                boolean responseExample = false;
                for (Map.Entry<String, JsonNode> response : method.getValue().path("responses").properties()) {
                    JsonNode body = response.getValue().at("/content/" + JSON);
                    if (response.getKey().startsWith("2") && body.has("example")) {
                        responseExample = true;
                        findings.addAll(judge(operation + " response " + response.getKey(), body));
                    }
                }
                if (write && !exempt.contains(operation) && !responseExample) {
                    findings.add(new Finding(operation, "no example of its success response"));
                }
            }
        }
        return findings;
    }

    /** The example of {@code media} against its schema. */
    private List<Finding> judge(String where, JsonNode media) {
        return violations(media.path("schema"), media.get("example")).stream().map(v -> new Finding(where, v)).toList();
    }

    /**
     * What is wrong with {@code value} as an instance of {@code schema} (a schema of the document: a {@code $ref} to
     * one of its components, or inline), judged strictly, the document's component schemas as its {@code $defs}.
     */
    List<String> violations(JsonNode schema, JsonNode value) {
        ObjectNode judged = schema.deepCopy();
        judged.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        judged.set("$defs", strictSchemas.deepCopy());
        judged = (ObjectNode) relocated(judged);
        List<String> violations = new ArrayList<>();
        for (ValidationMessage message : schemas.getSchema(judged).validate(value)) {
            violations.add(message.getMessage());
        }
        return violations;
    }

    /** {@code $ref}s to {@code #/components/schemas/X} pointed at {@code #/$defs/X}, where a JSON Schema keeps them. */
    private static JsonNode relocated(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(COMPONENT)) {
                object.put("$ref", "#/$defs/" + ref.asText().substring(COMPONENT.length()));
            }
            object.properties().forEach(entry -> relocated(entry.getValue()));
        } else if (node.isArray()) {
            node.forEach(DocumentedExamples::relocated);
        }
        return node;
    }

    /** Every object schema that lists its properties gets {@code additionalProperties: false} unless it says otherwise. */
    private static JsonNode strict(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if (object.has("properties") && !object.has("additionalProperties") && !object.has("allOf")
                    && !object.has("anyOf") && !object.has("oneOf")) {
                object.put("additionalProperties", false);
            }
            object.properties().forEach(entry -> strict(entry.getValue()));
        } else if (node.isArray()) {
            node.forEach(DocumentedExamples::strict);
        }
        return node;
    }
}
