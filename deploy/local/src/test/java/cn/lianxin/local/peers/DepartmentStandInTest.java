package cn.lianxin.local.peers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.lianxin.contracts.EventSchemas;

/** The local stack's stand-in department answers as the AsyncAPI document tells a department's system to. */
class DepartmentStandInTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventSchemas SCHEMAS = EventSchemas.load();
    private static final Instant NOW = Instant.parse("2027-07-02T02:00:00Z");

    @Test
    void theAnswerIsAValidLookupAnsweredRecordOfTheSameRequestMemberAndDepartment() throws Exception {
        JsonNode request = request("2d4e6f80-91a2-4b3c-8d4e-5f6a7b8c9d01", "TELECOM");

        ProducerRecord<String, String> record = DepartmentStandIn.answerRecord(request, NOW);

        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), UTF_8));
        }
        assertThat(record.topic()).isEqualTo("lookup.answers");
        assertThat(SCHEMAS.validateRecord(record.key(), headers, record.value())).isEmpty();
        JsonNode answer = JSON.readTree(record.value());
        assertThat(answer.path("requestId").asText()).isEqualTo(request.path("requestId").asText());
        assertThat(answer.path("memberId").asText()).isEqualTo(record.key()).isEqualTo("2d4e6f80-91a2-4b3c-8d4e-5f6a7b8c9d01");
        assertThat(answer.path("department").asText()).isEqualTo("TELECOM");
        assertThat(headers).containsEntry("ce_source", "/department-exchange").containsEntry("ce_time", NOW.toString());
    }

    @Test
    void aMemberIdEndingInAnEvenHexDigitIsFoundAndAnOddOneIsNot() throws Exception {
        assertThat(DepartmentStandIn.answerTo(request("2d4e6f80-91a2-4b3c-8d4e-5f6a7b8c9d0a", "HOUSING"), NOW).path("found")
                .asBoolean()).isTrue();
        assertThat(DepartmentStandIn.answerTo(request("2d4e6f80-91a2-4b3c-8d4e-5f6a7b8c9d0b", "HOUSING"), NOW).path("found")
                .asBoolean()).isFalse();
    }

    private static JsonNode request(String member, String department) throws Exception {
        ObjectNode request = (ObjectNode) JSON.readTree("""
                {"requestId": "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c04", "orgId": "6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a03",
                 "legalBasis": {"code": "EDUCATION_MANAGEMENT_REGULATION", "citation": "《中国共产党党员教育管理工作条例》第三十二条"},
                 "asked": ["CURRENT_ADDRESS"], "approvingOrgId": "6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a02",
                 "approvedAt": "2027-06-20T10:00:00+08:00", "answerBy": "2027-06-30T10:00:00+08:00", "chaseCount": 0}
                """);
        request.put("memberId", member);
        request.put("department", department);
        return request;
    }
}
