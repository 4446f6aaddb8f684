package cn.lianxin.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.InputStreamSource;
import com.networknt.schema.resource.SchemaLoader;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON Schemas of every Lianxin event, loaded once from the classpath, and the checks every service's tests
 * run on the events it emits: a payload that drifts from its schema fails the build.
 *
 * <p>The catalogue is {@code contracts/asyncapi.yaml}: each message's payload {@code $ref} names a schema file
 * {@code ./schemas/<context>/<Event>.v<n>.json} whose {@code $id} is {@link #ID_BASE} followed by the same path.
 * References between schemas are relative ({@code ../common.v1.json#/$defs/Uuid}), so they resolve alike against the
 * file (AsyncAPI tools) and against the {@code $id} (JSON Schema validators). The {@code $id}s are names, not download
 * addresses: they are mapped to the classpath and nothing is ever fetched over the network. Formats ({@code uuid},
 * {@code date-time}, {@code date}, {@code email}, …) are asserted, not just annotated.
 *
 * <p>Thread-safe; obtain the shared instance with {@link #load()}.
 */
public final class EventSchemas {

    /**
     * Prefix of every Lianxin schema {@code $id}; the rest is the file's path under {@code contracts/schemas/}. A name
     * in the project's domain (like the problem types'), never fetched: {@link #offlineFactory} maps it to the classpath.
     */
    public static final String ID_BASE = "https://lianxin.cn/contracts/schemas/";
    /** {@code $id} of the shared definitions. */
    public static final String COMMON_ID = ID_BASE + "common.v1.json";
    /** Classpath folder of the schemas. */
    public static final String SCHEMA_ROOT = "contracts/schemas/";
    /** Classpath location of the AsyncAPI document, the catalogue of events. */
    public static final String ASYNCAPI_RESOURCE = "contracts/asyncapi.yaml";

    private static final String CLASSPATH = "classpath:";
    /** A message's payload reference: {@code ./schemas/<context>/<Event>.v<n>.json}. */
    private static final Pattern PAYLOAD_REF =
            Pattern.compile("\\./schemas/([a-z]+)/([A-Z][A-Za-z0-9]*)\\.v([1-9][0-9]{0,8})\\.json");
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** A property name worth naming in a violation: short and plain, so never a value smuggled in as a key. */
    private static final Pattern SAFE_PROPERTY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private static final Object LOCK = new Object();
    private static volatile EventSchemas instance;

    private final Map<String, JsonSchema> schemas;
    private final Set<String> knownTypes;
    private final ObjectMapper json;

    private EventSchemas(ClassLoader classLoader) {
        this.json = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonSchemaFactory factory = offlineFactory(classLoader);
        SchemaValidatorsConfig config = validatorsConfig();
        Map<String, JsonSchema> loaded = new LinkedHashMap<>();
        for (EventType type : catalogue(classLoader, json)) {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(type.schemaId()), config);
            // Resolve every $ref now: a broken reference fails at load time, and validation never mutates shared state.
            schema.initializeValidators();
            loaded.put(type.ceType(), schema);
        }
        this.schemas = Collections.unmodifiableMap(loaded);
        this.knownTypes = Collections.unmodifiableSet(new LinkedHashSet<>(loaded.keySet()));
    }

    /**
     * The shared instance; the schemas are loaded and compiled on first use.
     *
     * @throws IllegalStateException when the contracts on the classpath are inconsistent (then every call retries)
     */
    public static EventSchemas load() {
        EventSchemas result = instance;
        if (result == null) {
            synchronized (LOCK) {
                result = instance;
                if (result == null) {
                    ClassLoader classLoader = EventSchemas.class.getClassLoader();
                    result = new EventSchemas(classLoader != null ? classLoader : ClassLoader.getSystemClassLoader());
                    instance = result;
                }
            }
        }
        return result;
    }

    /** Every {@code ce_type} with a schema, in the order of the AsyncAPI document. */
    public Set<String> knownTypes() {
        return knownTypes;
    }

    /**
     * Validates a payload against the schema of its {@code ce_type}.
     *
     * @return human-readable violations, empty when the payload is valid; an unknown {@code ce_type} or a payload
     *         that is not JSON is itself a violation
     */
    public List<String> validate(String ceType, String jsonPayload) {
        if (jsonPayload == null) {
            return List.of("payload is missing");
        }
        JsonNode node;
        try {
            node = json.readTree(jsonPayload);
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage();
            int marker = reason.indexOf(" (start marker");
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            return List.of("payload is not valid JSON" + where + ": " + (marker > 0 ? reason.substring(0, marker) : reason));
        }
        return validate(ceType, node);
    }

    /** Validates an already parsed payload; see {@link #validate(String, String)}. */
    public List<String> validate(String ceType, JsonNode payload) {
        JsonSchema schema = ceType == null ? null : schemas.get(ceType);
        if (schema == null) {
            return List.of("unknown ce_type '" + ceType + "': not one of the " + knownTypes.size()
                    + " event types of " + ASYNCAPI_RESOURCE);
        }
        if (payload == null || payload.isMissingNode()) {
            return List.of("payload is missing");
        }
        Set<String> violations = new LinkedHashSet<>();
        for (ValidationMessage message : schema.validate(payload)) {
            violations.add(message.getMessage());
        }
        return List.copyOf(violations);
    }

    /**
     * A schema violation named by the failing keyword and the JSON Pointer of the offending place, never by the
     * offending value: safe to log and to carry in a dead-letter header even when the payload holds personal data.
     *
     * @param keyword the JSON Schema keyword that failed, e.g. {@code maxLength}, {@code required}, {@code format}
     * @param pointer RFC 6901 pointer into the payload; for {@code required} it names the missing property
     */
    public record Violation(String keyword, String pointer) {
        @Override
        public String toString() {
            return keyword + " at " + (pointer.isEmpty() ? "/" : pointer);
        }
    }

    /**
     * Validates a payload against the schema of a known {@code ce_type}, for consumers at the door: the violations
     * say which keyword failed where, and carry nothing of the payload's values (a property name that is not in the
     * schema is named only when it looks like an identifier).
     *
     * @throws IllegalArgumentException when {@code ceType} has no schema (see {@link #knownTypes()})
     */
    public List<Violation> violations(String ceType, JsonNode payload) {
        JsonSchema schema = ceType == null ? null : schemas.get(ceType);
        if (schema == null) {
            throw new IllegalArgumentException("no schema for ce_type " + ceType);
        }
        Set<Violation> violations = new LinkedHashSet<>();
        for (ValidationMessage message : schema.validate(payload)) {
            StringBuilder pointer = new StringBuilder();
            JsonNodePath location = message.getInstanceLocation();
            for (int i = 0; i < location.getNameCount(); i++) {
                appendToken(pointer, String.valueOf(location.getElement(i)));
            }
            String property = message.getProperty();
            boolean fromSchema = "required".equals(message.getType()) || "dependentRequired".equals(message.getType());
            if (property != null && (fromSchema || SAFE_PROPERTY.matcher(property).matches())) {
                appendToken(pointer, property);
            }
            violations.add(new Violation(message.getType(), pointer.toString()));
        }
        return List.copyOf(violations);
    }

    private static void appendToken(StringBuilder pointer, String token) {
        pointer.append('/').append(token.replace("~", "~0").replace("/", "~1"));
    }

    /**
     * Fails with an {@link AssertionError} listing every violation when the payload does not match its schema.
     * Meant for tests: call it on every event a service emits.
     */
    public void assertValid(String ceType, String jsonPayload) {
        failOn(validate(ceType, jsonPayload), "Payload of " + ceType, jsonPayload);
    }

    /**
     * Validates a whole Kafka record: the CloudEvents headers, the key and the payload.
     * Checks that every header of {@link CloudEventHeaders#REQUIRED} is present and well-formed, that {@code ce_source}
     * is the producer of the {@code ce_type}, that the key equals {@code ce_subject}, that the subject is the payload's
     * {@code memberId} (its {@code orgId} when it has none), and that the payload matches its schema.
     *
     * @param key     the record key as a string
     * @param headers the record headers decoded as UTF-8
     * @param payload the record value
     * @return human-readable violations, empty when the record is valid
     */
    public List<String> validateRecord(String key, Map<String, String> headers, String payload) {
        Objects.requireNonNull(headers, "headers");
        List<String> violations = new ArrayList<>();
        for (String header : CloudEventHeaders.REQUIRED) {
            String value = headers.get(header);
            if (value == null || value.isBlank()) {
                violations.add("header " + header + " is missing");
            }
        }
        String specVersion = headers.get(CloudEventHeaders.SPECVERSION);
        if (specVersion != null && !CloudEventHeaders.SPEC_VERSION.equals(specVersion)) {
            violations.add("header " + CloudEventHeaders.SPECVERSION + " is '" + specVersion + "', expected '"
                    + CloudEventHeaders.SPEC_VERSION + "'");
        }
        String id = headers.get(CloudEventHeaders.ID);
        if (id != null && !UUID.matcher(id).matches()) {
            violations.add("header " + CloudEventHeaders.ID + " is '" + id + "', expected a UUID");
        }
        String ceType = headers.get(CloudEventHeaders.TYPE);
        String source = headers.get(CloudEventHeaders.SOURCE);
        if (ceType != null && source != null && knownTypes.contains(ceType)) {
            String expected = EventType.parse(ceType).source();
            if (!expected.equals(source)) {
                violations.add("header " + CloudEventHeaders.SOURCE + " is '" + source + "', but " + ceType
                        + " is produced by " + expected);
            }
        }
        String subject = headers.get(CloudEventHeaders.SUBJECT);
        if (subject != null && !UUID.matcher(subject).matches()) {
            violations.add("header " + CloudEventHeaders.SUBJECT + " is '" + subject + "', expected a UUID");
        }
        if (subject != null && !subject.equals(key)) {
            violations.add("record key '" + key + "' differs from header " + CloudEventHeaders.SUBJECT + " '" + subject + "'");
        }
        String time = headers.get(CloudEventHeaders.TIME);
        if (time != null) {
            try {
                OffsetDateTime.parse(time, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            } catch (DateTimeParseException e) {
                violations.add("header " + CloudEventHeaders.TIME + " is '" + time
                        + "', expected an RFC 3339 date-time with offset");
            }
        }
        String contentType = headers.get(CloudEventHeaders.CONTENT_TYPE);
        if (contentType != null && !contentType.equals(CloudEventHeaders.CONTENT_TYPE_JSON)
                && !contentType.toLowerCase(Locale.ROOT).startsWith(CloudEventHeaders.CONTENT_TYPE_JSON + ";")) {
            violations.add("header " + CloudEventHeaders.CONTENT_TYPE + " is '" + contentType + "', expected '"
                    + CloudEventHeaders.CONTENT_TYPE_JSON + "'");
        }
        violations.addAll(validate(ceType, payload));
        if (subject != null && payload != null) {
            String expectedSubject = subjectOf(payload);
            if (expectedSubject != null && !expectedSubject.equals(subject)) {
                violations.add("header " + CloudEventHeaders.SUBJECT + " '" + subject
                        + "' is not the payload's subject '" + expectedSubject + "' (memberId, or orgId when there is none)");
            }
        }
        return List.copyOf(violations);
    }

    /** Fails with an {@link AssertionError} listing every violation of {@link #validateRecord(String, Map, String)}. */
    public void assertValidRecord(String key, Map<String, String> headers, String payload) {
        String what = "Record " + headers.get(CloudEventHeaders.TYPE) + " (key " + key + ")";
        failOn(validateRecord(key, headers, payload), what, payload);
    }

    private String subjectOf(String payload) {
        try {
            JsonNode node = json.readTree(payload);
            for (String field : List.of("memberId", "orgId")) {
                JsonNode value = node.get(field);
                if (value != null && value.isTextual()) {
                    return value.asText();
                }
            }
            return null;
        } catch (JsonProcessingException e) {
            return null; // already reported by validate
        }
    }

    private static void failOn(List<String> violations, String what, String payload) {
        if (violations.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder(what).append(" violates its contract (")
                .append(violations.size()).append(violations.size() == 1 ? " violation):" : " violations):");
        for (String violation : violations) {
            text.append("\n  - ").append(violation);
        }
        text.append("\nPayload: ").append(payload == null || payload.length() <= 2000 ? payload : payload.substring(0, 2000) + "…");
        throw new AssertionError(text.toString());
    }

    // ------------------------------------------------------------------------------------------------ loading

    /** Reads the event types from the AsyncAPI document and checks each payload schema's location and $id. */
    private static List<EventType> catalogue(ClassLoader classLoader, ObjectMapper json) {
        JsonNode asyncApi;
        try (InputStream in = open(classLoader, ASYNCAPI_RESOURCE)) {
            asyncApi = new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + ASYNCAPI_RESOURCE, e);
        }
        JsonNode messages = asyncApi.path("components").path("messages");
        if (!messages.isObject() || messages.isEmpty()) {
            throw new IllegalStateException(ASYNCAPI_RESOURCE + " has no components.messages");
        }
        List<EventType> types = new ArrayList<>();
        for (Map.Entry<String, JsonNode> message : messages.properties()) {
            String ref = message.getValue().path("payload").path("$ref").asText("");
            Matcher path = PAYLOAD_REF.matcher(ref);
            if (!path.matches()) {
                throw new IllegalStateException("Message " + message.getKey() + " in " + ASYNCAPI_RESOURCE
                        + " must reference its payload schema as ./schemas/<context>/<Event>.v<n>.json, was '" + ref + "'");
            }
            EventType type = new EventType(path.group(1), path.group(2), Integer.parseInt(path.group(3)));
            String resource = type.schemaResource();
            String id;
            try (InputStream in = open(classLoader, resource)) {
                id = json.readTree(in).path("$id").asText("");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read schema " + resource + " of message " + message.getKey(), e);
            }
            // The $id must name the file it is in: relative references resolve against it in validators.
            if (!id.equals(type.schemaId())) {
                throw new IllegalStateException("Schema " + resource + " must have $id " + type.schemaId() + ", was '" + id + "'");
            }
            types.add(type);
        }
        return types;
    }

    /**
     * A schema factory that maps {@link #ID_BASE} to the schema files on the classpath and never touches the
     * network: any IRI that is not on the classpath fails to load instead of being fetched.
     */
    static JsonSchemaFactory offlineFactory(ClassLoader classLoader) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .schemaMappers(mappers -> mappers.mapPrefix(ID_BASE, CLASSPATH + SCHEMA_ROOT))
                .schemaLoaders(loaders -> loaders.add(new OfflineClasspathLoader(classLoader))));
    }

    static SchemaValidatorsConfig validatorsConfig() {
        return SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .locale(Locale.ENGLISH)
                .pathType(PathType.LEGACY) // "$.contact.phone": readable in a test failure
                .build();
    }

    private static InputStream open(ClassLoader classLoader, String resource) throws IOException {
        InputStream in = classLoader.getResourceAsStream(resource);
        if (in == null) {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            in = context == null ? null : context.getResourceAsStream(resource);
        }
        if (in == null) {
            throw new FileNotFoundException(resource + " is not on the classpath");
        }
        return in;
    }

    /** Loads {@code classpath:} IRIs (Lianxin schemas and the bundled meta-schemas); refuses everything else. */
    static final class OfflineClasspathLoader implements SchemaLoader {
        private final ClassLoader classLoader;

        OfflineClasspathLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
        }

        @Override
        public InputStreamSource getSchema(AbsoluteIri iri) {
            String text = iri.toString();
            if (text.startsWith(CLASSPATH)) {
                String resource = text.substring(CLASSPATH.length());
                String path = resource.startsWith("/") ? resource.substring(1) : resource;
                return () -> open(classLoader, path);
            }
            return () -> {
                throw new IOException("Refusing to fetch schema " + text
                        + ": Lianxin contracts resolve schemas offline from the classpath only");
            };
        }
    }
}
