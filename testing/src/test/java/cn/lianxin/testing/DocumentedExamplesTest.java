package cn.lianxin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class DocumentedExamplesTest {

    /** A document with one write whose request and 201 response carry {@code request} and {@code response}. */
    private static JsonNode document(String request, String response) throws Exception {
        return new ObjectMapper().readTree("""
                {"paths": {"/api/v1/contacts": {"post": {
                   "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/RecordContact"}%s}}},
                   "responses": {"201": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ContactView"}%s}}}}}}},
                 "components": {"schemas": {
                   "RecordContact": {"type": "object", "required": ["memberId"], "properties": {
                       "memberId": {"type": "string"}, "channel": {"type": "string", "enum": ["PHONE", "VISIT"]}}},
                   "ContactView": {"type": "object", "properties": {"id": {"type": "string"}, "reached": {"type": "boolean"}}}}}}
                """.formatted(request == null ? "" : ", \"example\": " + request,
                response == null ? "" : ", \"example\": " + response));
    }

    @Test
    void examplesTheSchemasAcceptAreFine() throws Exception {
        assertThat(new DocumentedExamples(document("{\"memberId\": \"m\", \"channel\": \"PHONE\"}",
                "{\"id\": \"c\", \"reached\": true}")).findings(Set.of())).isEmpty();
    }

    @Test
    void anUndeclaredFieldAMissingRequiredOneAValueOutsideTheEnumOrOfAnotherTypeIsFound() throws Exception {
        assertThat(new DocumentedExamples(document("{\"channel\": \"FAX\", \"note\": \"电话联系\"}",
                "{\"id\": \"c\", \"reached\": \"yes\"}")).findings(Set.of()))
                .extracting(Object::toString)
                .anySatisfy(f -> assertThat(f).startsWith("POST /api/v1/contacts request").contains("memberId"))
                .anySatisfy(f -> assertThat(f).startsWith("POST /api/v1/contacts request").contains("note"))
                .anySatisfy(f -> assertThat(f).startsWith("POST /api/v1/contacts request").contains("channel"))
                .anySatisfy(f -> assertThat(f).startsWith("POST /api/v1/contacts response 201").contains("reached"));
    }

    @Test
    void aWriteWithoutExamplesIsFoundUnlessExempt() throws Exception {
        assertThat(new DocumentedExamples(document(null, null)).findings(Set.of())).extracting(Object::toString)
                .containsExactly("POST /api/v1/contacts: no request example",
                        "POST /api/v1/contacts: no example of its success response");
        assertThat(new DocumentedExamples(document(null, null)).findings(Set.of("POST /api/v1/contacts"))).isEmpty();
    }
}
