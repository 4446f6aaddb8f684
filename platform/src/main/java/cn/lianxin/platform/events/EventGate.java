package cn.lianxin.platform.events;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

import cn.lianxin.contracts.EventSchemas;
import cn.lianxin.contracts.EventType;

/**
 * The door every incoming event passes before it is applied: it must belong to the topic it arrived on, come from
 * that topic's producer ({@code ce_source}) and match the JSON Schema of its {@code ce_type} from {@code contracts/}.
 * A failure throws {@link RejectedEventException}, which the channel's failure strategy ({@link DeadLetterQueue})
 * sends to {@code <topic>.dlq}. A type the right producer sends but this build has no schema for is newer than
 * this service: it is skipped and counted rather than dead-lettered, so producers can roll out first.
 *
 * <p>The schemas are compiled once, when the service starts: a broken contract stops the start, not a consumer.
 */
@ApplicationScoped
@Startup
public class EventGate {

    /** Counter of events skipped at the door, tagged {@code topic} and {@code reason} ({@code unknown-type}). */
    public static final String SKIPPED_METRIC = "lianxin.events.skipped";
    /** At most this many schema violations are named in a rejection; the rest are counted. */
    static final int MAX_NAMED_VIOLATIONS = 5;

    private static final Logger LOG = Logger.getLogger(EventGate.class);

    private final EventSchemas schemas;
    private final MeterRegistry registry;

    public EventGate(MeterRegistry registry) {
        this.schemas = EventSchemas.load();
        this.registry = registry;
    }

    /**
     * @param topic the topic the record was read from
     * @return true when the event is to be applied, false when it is of a type unknown to this build (skipped)
     * @throws RejectedEventException when the event fails a check; nothing of it may be applied
     */
    public boolean admit(String topic, IncomingEvent event) {
        EventType type = EventType.parse(event.type());
        if (!type.topic().equals(topic)) {
            throw new RejectedEventException("type", "ce_type of " + type.topic() + " on " + topic);
        }
        if (!type.source().equals(event.source())) {
            // The foreign value itself is not repeated: it is whatever the sender chose to put there.
            throw new RejectedEventException("source", "ce_source is not " + type.source() + ", the producer of " + topic);
        }
        if (!schemas.knownTypes().contains(event.type())) {
            registry.counter(SKIPPED_METRIC, "topic", topic, "reason", "unknown-type").increment();
            LOG.infof("Skipped event %s of type %s on %s: no schema for it in this build", event.id(), event.type(), topic);
            return false;
        }
        List<EventSchemas.Violation> violations = schemas.violations(event.type(), event.payload());
        if (!violations.isEmpty()) {
            throw new RejectedEventException("schema", describe(violations));
        }
        return true;
    }

    /**
     * The names among {@code eventNames} (e.g. {@code OrgCreated}) that have no schema among the types of
     * {@code topic}: a consumer handling one of them would never see it pass the door.
     */
    public static Set<String> withoutSchema(String topic, Collection<String> eventNames) {
        Set<String> known = new TreeSet<>();
        for (String ceType : EventSchemas.load().knownTypes()) {
            EventType type = EventType.parse(ceType);
            if (type.topic().equals(topic)) {
                known.add(type.name());
            }
        }
        Set<String> missing = new TreeSet<>(eventNames);
        missing.removeAll(known);
        return missing;
    }

    static String describe(List<EventSchemas.Violation> violations) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(violations.size(), MAX_NAMED_VIOLATIONS); i++) {
            text.append(i == 0 ? "" : "; ").append(violations.get(i));
        }
        if (violations.size() > MAX_NAMED_VIOLATIONS) {
            text.append("; and ").append(violations.size() - MAX_NAMED_VIOLATIONS).append(" more");
        }
        return text.toString();
    }
}
