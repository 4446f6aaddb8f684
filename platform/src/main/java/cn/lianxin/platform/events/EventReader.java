package cn.lianxin.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.lianxin.contracts.CloudEventHeaders;
import cn.lianxin.contracts.EventType;

/** Turns a Kafka record into an {@link IncomingEvent}, refusing anything that breaks the envelope contract. */
@ApplicationScoped
public class EventReader {

    private final ObjectMapper mapper;

    public EventReader(ObjectMapper mapper) {
        // A tolerant reader: producers may add payload fields without breaking their consumers.
        this.mapper = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public IncomingEvent read(ConsumerRecord<String, String> record) {
        String id = header(record, CloudEventHeaders.ID);
        String type = header(record, CloudEventHeaders.TYPE);
        try {
            EventType.parse(type);
            JsonNode payload = mapper.readTree(record.value() == null ? "" : record.value());
            if (payload == null || !payload.isObject()) {
                throw new MalformedEventException("payload of " + type + " is not a JSON object");
            }
            return new IncomingEvent(UUID.fromString(id), type, header(record, CloudEventHeaders.SOURCE),
                    header(record, CloudEventHeaders.SUBJECT), Instant.parse(header(record, CloudEventHeaders.TIME)),
                    record.key(), payload);
        } catch (JsonProcessingException | IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException("malformed event " + id + " (" + type + ") at " + record.topic() + "/"
                    + record.partition() + "@" + record.offset() + ": " + where(e));
        }
    }

    /** Reads the payload as the consumer's own view record of the producer's data. */
    public <T> T payload(IncomingEvent event, Class<T> view) {
        try {
            return mapper.treeToValue(event.payload(), view);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("payload of " + event.type() + " " + event.id() + " does not fit "
                    + view.getSimpleName() + ": " + where(e));
        }
    }

    /**
     * What went wrong where, without the parser's message nor the failure as a cause: both may quote the record (a
     * name, a phone number), and this message ends up in the log and in the dead-letter record's headers.
     */
    static String where(Exception e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return e.getClass().getSimpleName() + " at " + mapping.getPathReference();
        }
        if (e instanceof JsonProcessingException json && json.getLocation() != null) {
            return e.getClass().getSimpleName() + " at line " + json.getLocation().getLineNr() + ", column "
                    + json.getLocation().getColumnNr();
        }
        return e.getClass().getSimpleName();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            throw new MalformedEventException("record " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " has no " + name + " header");
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
