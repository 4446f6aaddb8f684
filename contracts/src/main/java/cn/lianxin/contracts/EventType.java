package cn.lianxin.contracts;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of a Lianxin event, as carried in the CloudEvents {@code ce_type} header:
 * {@code lianxin.<context>.<Event>.v<version>}, e.g. {@code lianxin.member.OrgCreated.v1}.
 *
 * @param context bounded context: {@code member}, {@code contact}, {@code case} or {@code notification}
 * @param name    event name in the past tense, e.g. {@code OrgCreated}
 * @param version payload version, from 1
 */
public record EventType(String context, String name, int version) {

    /** The contexts of docs/domain.md §4, in topic order. */
    public static final List<String> CONTEXTS = List.of("member", "contact", "case", "notification");

    /**
     * The cross-department lookup (联合公安、电信、社保、房管 查询) of a case: the two events of the {@code case} context
     * that travel on topics of their own, between case-service and the departments' systems, instead of
     * {@code case.events}. A department's system reads requests and writes answers; it never reads the case topic.
     */
    public static final Map<String, String> LOOKUP_TOPICS = Map.of(
            "LookupRequested", "lookup.requests",
            "LookupAnswered", "lookup.answers");
    /** The producer of {@code lookup.answers}: the departments' systems, through the data-sharing exchange (数据共享交换平台). */
    public static final String DEPARTMENT_EXCHANGE = "department-exchange";

    private static final String PREFIX = "lianxin.";
    private static final Pattern CE_TYPE =
            Pattern.compile("lianxin\\.([a-z]+)\\.([A-Z][A-Za-z0-9]*)\\.v([1-9][0-9]{0,8})");
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");

    public EventType {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(name, "name");
        if (!CONTEXTS.contains(context)) {
            throw new IllegalArgumentException("Unknown event context '" + context + "'; expected one of " + CONTEXTS);
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Event name '" + name + "' must be UpperCamelCase, e.g. OrgCreated");
        }
        if (version < 1) {
            throw new IllegalArgumentException("Event version must be 1 or more, was " + version);
        }
    }

    /**
     * Parses a {@code ce_type} such as {@code lianxin.case.CaseOpened.v1}.
     *
     * @throws IllegalArgumentException when the text is not a Lianxin event type
     */
    public static EventType parse(String ceType) {
        if (ceType == null) {
            throw new IllegalArgumentException("ce_type is missing");
        }
        Matcher m = CE_TYPE.matcher(ceType);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + ceType + "' is not a Lianxin event type: expected lianxin.<context>.<Event>.v<n>, e.g. lianxin.member.OrgCreated.v1");
        }
        try {
            return new EventType(m.group(1), m.group(2), Integer.parseInt(m.group(3)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + ceType + "' is not a Lianxin event type: " + e.getMessage(), e);
        }
    }

    /** The {@code ce_type} header value, e.g. {@code lianxin.member.OrgCreated.v1}. */
    public String ceType() {
        return PREFIX + context + "." + name + ".v" + version;
    }

    /**
     * The Kafka topic the event is published to: {@code <context>.events}, except the case context's lookup events
     * ({@link #LOOKUP_TOPICS}: {@code lookup.requests}, {@code lookup.answers}).
     */
    public String topic() {
        if (context.equals("case") && LOOKUP_TOPICS.containsKey(name)) {
            return LOOKUP_TOPICS.get(name);
        }
        return context + ".events";
    }

    /**
     * The service that produces this event (the only producer of its topic), e.g. {@code member-service};
     * {@value #DEPARTMENT_EXCHANGE} for {@code LookupAnswered}.
     */
    public String producer() {
        if (context.equals("case") && name.equals("LookupAnswered")) {
            return DEPARTMENT_EXCHANGE; // the answers come from the departments, not from case-service
        }
        return switch (context) {
            case "member" -> "member-service";
            case "contact" -> "tracking-service";
            case "case" -> "case-service";
            case "notification" -> "notification-service";
            default -> throw new IllegalStateException("No producer for context " + context);
        };
    }

    /** The {@code ce_source} header value of the producer, e.g. {@code /member-service}. */
    public String source() {
        return "/" + producer();
    }

    /** The {@code $id} of the payload schema, e.g. {@code https://lianxin.cn/contracts/schemas/member/OrgCreated.v1.json}. */
    public String schemaId() {
        return EventSchemas.ID_BASE + schemaFile();
    }

    /** Classpath location of the payload schema, e.g. {@code contracts/schemas/member/OrgCreated.v1.json}. */
    public String schemaResource() {
        return EventSchemas.SCHEMA_ROOT + schemaFile();
    }

    private String schemaFile() {
        return context + "/" + name + ".v" + version + ".json";
    }

    @Override
    public String toString() {
        return ceType();
    }
}
