package cn.lianxin.platform.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the problem responses every operation can give (RFC 9457, {@value Problem#MEDIA_TYPE}), so that a client
 * generator knows their shape: one {@code Problem} schema, one response of each kind with its example under
 * {@code components.responses} ({@code NotFound}, {@code Conflict}, …), and per operation a {@code $ref} to each kind
 * that applies: written once and referred to, not repeated in every operation (member-service's document, compact
 * JSON, is 118 kB instead of 194 kB, of which 95 kB were problem responses). A response the framework documented
 * with no more than its status (Quarkus's 400 "Bad Request", 401 "Not Authorized", 403 "Not Allowed") is the shared
 * one; a response an operation describes itself keeps its description and gains the problem body if it had none. A
 * PATCH or PUT with an {@code If-Match} header parameter also gets 412 and 428, and the ETag response header (its GET
 * too). Run for every service by {@code ApiDocument}, a filter of the build.
 */
public class ProblemResponses implements OASFilter {

    static final String SCHEMA = "Problem";
    private static final String SCHEMA_REF = "#/components/schemas/" + SCHEMA;
    static final String RESPONSES_REF = "#/components/responses/";
    static final String FIELD_ERROR_SCHEMA = "FieldError";
    /** What Quarkus writes as the description of the 401 and 403 it documents on every secured operation. */
    private static final Set<String> FRAMEWORK_DESCRIPTIONS = Set.of("Not Authorized", "Not Allowed");

    /** Status, description and example of each problem response, in the order they are listed. */
    private record Kind(String status, String description, String title, String detail, boolean onWritesOnly,
            boolean onPathParametersOnly, boolean onConditionalOnly, boolean onBodiesOnly) {

        /** Its name under {@code components.responses}: its title without spaces, e.g. {@code NotFound}. */
        String component() {
            return title.replace(" ", "");
        }

        Kind(String status, String description, String title, String detail, boolean onWritesOnly,
                boolean onPathParametersOnly) {
            this(status, description, title, detail, onWritesOnly, onPathParametersOnly, false, false);
        }

        Kind(String status, String description, String title, String detail, boolean onWritesOnly,
                boolean onPathParametersOnly, boolean onConditionalOnly) {
            this(status, description, title, detail, onWritesOnly, onPathParametersOnly, onConditionalOnly, false);
        }
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("400", "The request is malformed: a parameter or a body field is unreadable (named in errors)",
                    "Bad Request", "The request could not be read", false, false),
            new Kind("401", "No valid bearer token", "Unauthorized", "A valid bearer token is required", false, false),
            new Kind("403", "The token's role may not do this", "Forbidden", "This role may not do this", false, false),
            new Kind("404", "Unknown here, or outside the caller's organization subtree", "Not Found",
                    "Not found", false, true),
            new Kind("409", "In conflict with the stored state (a duplicate, or a state that forbids the change)",
                    "Conflict", "The change conflicts with the stored state", true, false),
            new Kind("412", "If-Match names another version than the stored one: it changed since it was read; nothing was"
                    + " changed", "Precondition Failed", "It has changed since you read it", true, false, true),
            new Kind("413", "The body is larger than the service takes (Quarkus' default of 10 MB; member-service's"
                    + " roster upload has its own limits)", "Content Too Large", "The request body is too large", true, false, false, true),
            new Kind("422", "Readable but refused by a rule (the fields are named in errors)", "Unprocessable Content",
                    "The request breaks a rule", true, false),
            new Kind("428", "If-Match is missing: send the ETag of the version you read", "Precondition Required",
                    "An If-Match header is required", true, false, true),
            new Kind("503", "The database is out of reach for now; retry after Retry-After seconds",
                    "Service Unavailable", "Try again later", false, false));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(FIELD_ERROR_SCHEMA, fieldErrorSchema());
        openAPI.getComponents().addSchema(SCHEMA, problemSchema());
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            boolean versioned = item.getOperations().values().stream().anyMatch(o -> header(o, IF_MATCH) != null);
            item.getOperations().forEach((method, operation) -> {
                document(openAPI, operation, method, path.contains("{"));
                documentSafeWrites(operation, method, versioned);
            });
        });
    }

    static final String IF_MATCH = "If-Match";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /**
     * Safe writes (docs/architecture.md): a resource with a conditional PATCH or PUT answers an ETag on its GET and on
     * those writes, which require If-Match; a POST that creates a fact takes an optional Idempotency-Key.
     */
    private static void documentSafeWrites(Operation operation, PathItem.HttpMethod method, boolean versioned) {
        Parameter ifMatch = header(operation, IF_MATCH);
        if (ifMatch != null) {
            ifMatch.required(true).description("The ETag of the version the change is based on, as a GET or the last"
                    + " change answered it (e.g. \"3\"); * for whatever is stored");
        }
        Parameter key = header(operation, IDEMPOTENCY_KEY);
        if (key != null) {
            key.description("Optional, 1 to 255 visible ASCII characters (a UUID): the same request sent again with the"
                    + " same key within 24 h answers the first response (Idempotency-Replayed: true) and creates nothing;"
                    + " the key with another request is 422");
        }
        if (versioned && (ifMatch != null || method == PathItem.HttpMethod.GET) && operation.getResponses() != null) {
            APIResponse ok = operation.getResponses().getAPIResponse("200");
            if (ok != null) {
                ok.addHeader("ETag", OASFactory.createHeader().description("The version of what the body shows, a"
                        + " strong entity tag (\"3\"): send it in If-Match to change it")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
            }
        }
    }

    private static Parameter header(Operation operation, String name) {
        if (operation.getParameters() == null) {
            return null;
        }
        return operation.getParameters().stream()
                .filter(p -> p.getIn() == Parameter.In.HEADER && name.equalsIgnoreCase(p.getName()))
                .findFirst().orElse(null);
    }

    private static void document(OpenAPI openAPI, Operation operation, PathItem.HttpMethod method, boolean hasPathParameters) {
        boolean write = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH || method == PathItem.HttpMethod.DELETE;
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        for (Kind kind : KINDS) {
            APIResponse documented = responses.getAPIResponse(kind.status());
            boolean applies = (!kind.onWritesOnly() || write) && (!kind.onPathParametersOnly() || hasPathParameters)
                    && (!kind.onConditionalOnly() || header(operation, IF_MATCH) != null)
                    && (!kind.onBodiesOnly() || operation.getRequestBody() != null);
            if ((documented == null && applies) || (documented != null && withoutBody(documented) && generic(documented, kind))) {
                responses.addAPIResponse(kind.status(), OASFactory.createAPIResponse().ref(RESPONSES_REF + shared(openAPI, kind)));
            } else if (documented != null && withoutBody(documented)) {
                documented.content(problemContent(kind));
            }
        }
        // An error status the operation documents itself (e.g. 429) is a problem too.
        responses.getAPIResponses().forEach((status, documented) -> {
            if (status.matches("[45]\\d\\d") && withoutBody(documented)) {
                Response.Status known = Response.Status.fromStatusCode(Integer.parseInt(status));
                String title = known == null ? "Error" : known.getReasonPhrase();
                documented.content(problemContent(new Kind(status, documented.getDescription(), title,
                        documented.getDescription() == null ? title : documented.getDescription(), false, false)));
            }
        });
    }

    /** The kind's response under {@code components.responses}, added on its first use; its name. */
    private static String shared(OpenAPI openAPI, Kind kind) {
        Map<String, APIResponse> shared = openAPI.getComponents().getResponses();
        if (shared == null || !shared.containsKey(kind.component())) {
            openAPI.getComponents().addResponse(kind.component(),
                    OASFactory.createAPIResponse().description(kind.description()).content(problemContent(kind)));
        }
        return kind.component();
    }

    /**
     * Whether a response says no more than its status: the framework's own (Quarkus documents 400 "Bad Request", and
     * 401 "Not Authorized" and 403 "Not Allowed" on every secured operation), not one the operation wrote.
     */
    private static boolean generic(APIResponse response, Kind kind) {
        String description = response.getDescription();
        return description == null || description.isBlank() || description.equals(kind.title())
                || FRAMEWORK_DESCRIPTIONS.contains(description);
    }

    private static boolean withoutBody(APIResponse response) {
        return response.getContent() == null || response.getContent().getMediaTypes() == null
                || response.getContent().getMediaTypes().isEmpty();
    }

    private static Content problemContent(Kind kind) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put("title", kind.title());
        example.put("status", Integer.parseInt(kind.status()));
        example.put("detail", kind.detail());
        if (kind.status().equals("400") || kind.status().equals("422")) {
            example.put("errors", List.of(Map.of("field", "name", "message", "must not be blank")));
        }
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(SCHEMA_REF)).example(example));
    }

    /** {@link Problem.FieldError}: one field or parameter that failed. */
    private static Schema fieldErrorSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("JSON path of the field, e.g. secretary.phone, or the parameter's name"))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .required(List.of("field", "message"));
    }

    private static Schema problemSchema() {
        Schema fieldError = OASFactory.createSchema().ref("#/components/schemas/" + FIELD_ERROR_SCHEMA);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem detail (" + Problem.MEDIA_TYPE + ")")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri-reference"))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError)
                        .description("The fields or parameters that failed"))
                .required(List.of("title", "status"));
    }
}
