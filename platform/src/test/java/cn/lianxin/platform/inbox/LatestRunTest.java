package cn.lianxin.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.lianxin.platform.events.IncomingEvent;

class LatestRunTest {

    private static final Instant T = Instant.parse("2026-11-02T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What an event writes: a member's name, dated. */
    record Named(String member, String name, Instant at) {
    }

    private final List<Collection<Named>> written = new ArrayList<>();
    private final LatestRun<String, Named> run = new LatestRun<>(
            event -> new Named(event.key(), event.payload().path("name").asText(), event.time()), Named::member,
            Named::at, values -> written.add(List.copyOf(values)));

    @Test
    void aRunWritesOnceWhatItsEventsWouldLeaveOneByOne() {
        List<IncomingEvent> events = List.of(
                event("甲", "甲旧", T), event("乙", "乙新", T.plusSeconds(30)), event("丙", "丙先", T),
                event("乙", "乙旧", T.plusSeconds(10)), event("甲", "甲新", T.plusSeconds(5)), event("丙", "丙后", T));
        Map<String, Named> known = run.lookUp(events);
        events.forEach(event -> run.apply(event, known));
        run.complete(known);

        assertThat(written).containsExactly(List.of(new Named("甲", "甲新", T.plusSeconds(5)),
                new Named("乙", "乙新", T.plusSeconds(30)), new Named("丙", "丙后", T)));
    }

    @Test
    void aRunOfOneWritesItsEvent() {
        IncomingEvent event = event("丁", "丁", T);
        Map<String, Named> known = run.lookUp(List.of(event));
        run.apply(event, known);
        run.complete(known);

        assertThat(written).containsExactly(List.of(new Named("丁", "丁", T)));
    }

    private static IncomingEvent event(String member, String name, Instant time) {
        return new IncomingEvent(UUID.randomUUID(), "lianxin.member.MemberRegistered.v1", "/lianxin/member-service",
                member, time, member, JSON.createObjectNode().put("name", name));
    }
}
