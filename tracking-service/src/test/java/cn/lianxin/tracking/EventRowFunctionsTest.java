package cn.lianxin.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.testing.LianxinTestResource;

/**
 * The scan writes its events in SQL (platform's EventRows) and every other event from Java: an instant must read the
 * same either way, whatever the session's time zone, and event ids must be the time-ordered UUIDv7 that Java's
 * EventIds makes.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class EventRowFunctionsTest {

    /**
     * A whole second, fractions that PostgreSQL writes shorter than Jackson (.5, .12, .0001 s), microseconds, the turn
     * of 2000, and midnight in Shanghai.
     */
    private static final List<Instant> INSTANTS = List.of(Instant.parse("2027-03-01T02:00:00Z"),
            Instant.parse("2027-03-01T02:00:00.5Z"), Instant.parse("2027-03-01T02:00:00.12Z"),
            Instant.parse("2027-03-01T02:00:00.0001Z"), Instant.parse("2027-03-01T02:00:00.123456Z"),
            Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2027-02-28T16:00:00Z"));

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Test
    void eventTimeWritesAnInstantAsJacksonDoes() {
        assertThat(eventTimes(null)).containsExactlyEntriesOf(jackson());
    }

    @Test
    void eventTimeWritesAnInstantAsJacksonDoesInAShanghaiSession() {
        assertThat(eventTimes("Asia/Shanghai")).containsExactlyEntriesOf(jackson());
    }

    @Test
    void uuidV7GivesVersion7IdsWhoseTimePrefixDoesNotDecrease() {
        long before = System.currentTimeMillis();
        List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> {
            List<UUID> made = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                made.add(UUID.fromString(em.createNativeQuery("SELECT uuid_v7()").getSingleResult().toString()));
            }
            return made;
        });
        long after = System.currentTimeMillis();

        assertThat(ids).allSatisfy(id -> {
            assertThat(id.version()).as("version of %s", id).isEqualTo(7);
            assertThat(id.variant()).as("variant of %s", id).isEqualTo(2);
        });
        List<Long> millis = ids.stream().map(id -> id.getMostSignificantBits() >>> 16).toList();
        assertThat(millis).isSorted()
                .allSatisfy(ms -> assertThat(ms).as("Unix milliseconds").isBetween(before - 60_000, after + 60_000));
    }

    private Map<Instant, String> jackson() {
        Map<Instant, String> texts = new LinkedHashMap<>();
        for (Instant instant : INSTANTS) {
            try {
                String quoted = json.writeValueAsString(instant);
                assertThat(quoted).startsWith("\"").endsWith("\"");
                texts.put(instant, quoted.substring(1, quoted.length() - 1));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return texts;
    }

    /** event_time() of each instant, in a transaction whose session is first set to {@code timeZone} (if any). */
    private Map<Instant, String> eventTimes(String timeZone) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (timeZone != null) {
                em.createNativeQuery("SET LOCAL TimeZone = '" + timeZone + "'").executeUpdate();
                assertThat(em.createNativeQuery("SELECT current_setting('TimeZone')").getSingleResult())
                        .isEqualTo(timeZone);
            }
            Map<Instant, String> texts = new LinkedHashMap<>();
            for (Instant instant : INSTANTS) {
                texts.put(instant, (String) em.createNativeQuery("SELECT event_time(CAST(:t AS timestamptz))")
                        .setParameter("t", instant).getSingleResult());
            }
            return texts;
        });
    }
}
