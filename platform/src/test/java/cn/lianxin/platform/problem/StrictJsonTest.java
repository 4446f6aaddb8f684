package cn.lianxin.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import cn.lianxin.platform.problem.Problem.FieldError;

class StrictJsonTest {

    record Item(String name, List<String> tags, Map<String, String> notes) {
    }

    record Body(String memberId, Instant at, OffsetDateTime when, LocalDate day, List<Item> items, UUID orgId) {
    }

    private final ObjectMapper base = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private final ObjectMapper strict = StrictJson.strict(base);

    private Problem problemOf(String json) {
        JsonProcessingException e = catchThrowableOfType(() -> strict.readValue(json, Body.class),
                JsonProcessingException.class);
        assertThat(e).as("refused: %s", json).isNotNull();
        return ProblemMappers.jsonProblem(e);
    }

    @Test
    void acceptsOrdinaryInputWithTabsAndNewlines() throws Exception {
        Body body = strict.readValue("""
                {"memberId": "a\\tb\\nc\\r", "at": "2024-02-01T01:30:00Z", "when": "1900-01-01T00:00:00+08:00",
                 "day": "9999-12-31", "items": [{"name": "陈", "tags": ["x"], "notes": {"k": "v"}}]}
                """, Body.class);
        assertThat(body.memberId()).isEqualTo("a\tb\nc\r");
        assertThat(body.day()).isEqualTo(LocalDate.of(9999, 12, 31));
    }

    @Test
    void aControlCharacterInAnyStringNamesTheField() {
        assertThat(problemOf("{\"memberId\": \"a\\u0000b\"}").errors())
                .containsExactly(new FieldError("memberId", "must not contain the control character U+0000"));
        assertThat(problemOf("{\"items\": [{\"name\": \"ok\"}, {\"name\": \"x\\u001b\"}]}").errors())
                .extracting(FieldError::field).containsExactly("items[1].name");
        assertThat(problemOf("{\"items\": [{\"tags\": [\"ok\", \"\\u0007\"]}]}").errors())
                .extracting(FieldError::field).containsExactly("items[0].tags[1]");
        assertThat(problemOf("{\"items\": [{\"notes\": {\"k\": \"\\u0000\"}}]}").errors())
                .extracting(FieldError::field).containsExactly("items[0].notes.k");
        assertThat(problemOf("{\"items\": [{\"notes\": {\"k\\u0000\": \"v\"}}]}").status()).isEqualTo(400);
    }

    @Test
    void datesOutsideTheSaneRangeNameTheField() {
        assertThat(problemOf("{\"at\": \"-999999999-01-01T00:00:00Z\"}").errors())
                .extracting(FieldError::field).containsExactly("at");
        assertThat(problemOf("{\"when\": \"-999999999-01-01T00:00:00+18:00\"}").errors())
                .extracting(FieldError::field).containsExactly("when");
        assertThat(problemOf("{\"when\": \"+999999999-12-31T23:59:59-18:00\"}").errors())
                .extracting(FieldError::field).containsExactly("when");
        assertThat(problemOf("{\"when\": \"1899-12-30T00:00:00Z\"}").errors())
                .extracting(FieldError::field).containsExactly("when");
        assertThat(problemOf("{\"day\": \"1899-12-31\"}").errors())
                .containsExactly(new FieldError("day", "must be between the years 1900 and 9999"));
        assertThat(problemOf("{\"at\": \"+10001-01-01T00:00:00Z\"}").errors())
                .extracting(FieldError::field).containsExactly("at");
    }

    @Test
    void aDateWrittenAsAListIsRefusedNamingTheField() {
        assertThat(problemOf("{\"day\": []}").errors()).extracting(FieldError::field).containsExactly("day");
        assertThat(problemOf("{\"day\": [2024, 3, 1]}").errors()).extracting(FieldError::field).containsExactly("day");
        assertThat(problemOf("{\"at\": []}").errors()).extracting(FieldError::field).containsExactly("at");
    }

    @Test
    void aRejectedValueIsEchoedOnlyAsAShortPrefix() {
        Problem problem = problemOf("{\"orgId\": \"" + "9".repeat(10_000) + "\"}");
        assertThat(problem.errors()).extracting(FieldError::field).containsExactly("orgId");
        assertThat(problem.errors().get(0).message()).startsWith("cannot read \"999").endsWith("…\" as a UUID");
        assertThat(problem.detail()).doesNotContain("9".repeat(ProblemMappers.ECHO_LIMIT + 1));
        assertThat(problemOf("{\"memberId\": tru" + "e".repeat(10_000) + "}").detail())
                .doesNotContain("e".repeat(ProblemMappers.ECHO_LIMIT + 1));
    }

    @Test
    void duplicateKeysAreRefusedNamingTheKey() {
        Problem top = problemOf("{\"memberId\": \"a\", \"memberId\": \"b\"}");
        assertThat(top.status()).isEqualTo(400);
        assertThat(top.errors()).containsExactly(new FieldError("memberId", "duplicate key"));
        assertThat(problemOf("{\"items\": [{\"name\": \"a\"}, {\"name\": \"a\", \"name\": \"b\"}]}").errors())
                .extracting(FieldError::field).containsExactly("items[1].name");
    }

    @Test
    void theBaseMapperIsLeftAsItWas() throws Exception {
        assertThat(base.readValue("{\"memberId\": \"a\\u0000b\"}", Body.class).memberId()).isEqualTo("a\u0000b");
    }
}
