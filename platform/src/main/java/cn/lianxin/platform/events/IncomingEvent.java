package cn.lianxin.platform.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import cn.lianxin.contracts.EventType;

/** A CloudEvent read from Kafka: envelope from the headers, JSON payload from the value. */
public record IncomingEvent(UUID id, String type, String source, String subject, Instant time, String key,
        JsonNode payload) {

    /** The event's short name, e.g. {@code OrgCreated}. */
    public String name() {
        return EventType.parse(type).name();
    }
}
