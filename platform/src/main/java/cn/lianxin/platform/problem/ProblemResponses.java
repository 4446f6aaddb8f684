package cn.lianxin.platform.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the problem responses every operation can give (RFC 9457, {@value Problem#MEDIA_TYPE}), so that a client
 * generator knows their shape: one {@code Problem} schema, and per operation the statuses that apply with an example.
 * A response an operation documents itself keeps its description and gains the problem body if it had none.
 * Registered for every service by {@code mp.openapi.filter} in platform's defaults; runs when the document is built.
 */
public class ProblemResponses implements OASFilter {

    static final String SCHEMA = "Problem";
    private static final String SCHEMA_REF = "#/components/schemas/" + SCHEMA;

    /** Status, description and example of each problem response, in the order they are listed. */
    private record Kind(String status, String description, String title, String detail, boolean onWritesOnly,
            boolean onPathParametersOnly) {
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
            new Kind("422", "Readable but refused by a rule (the fields are named in errors)", "Unprocessable Content",
                    "The request breaks a rule", true, false),
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
        openAPI.getComponents().addSchema(SCHEMA, problemSchema());
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> document(operation, method, path.contains("{"))));
    }

    private static void document(Operation operation, PathItem.HttpMethod method, boolean hasPathParameters) {
        boolean write = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH || method == PathItem.HttpMethod.DELETE;
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        for (Kind kind : KINDS) {
            APIResponse documented = responses.getAPIResponse(kind.status());
            boolean applies = (!kind.onWritesOnly() || write) && (!kind.onPathParametersOnly() || hasPathParameters);
            if (documented == null && applies) {
                responses.addAPIResponse(kind.status(),
                        OASFactory.createAPIResponse().description(kind.description()).content(problemContent(kind)));
            } else if (documented != null && (documented.getContent() == null
                    || documented.getContent().getMediaTypes() == null || documented.getContent().getMediaTypes().isEmpty())) {
                documented.content(problemContent(kind));
            }
        }
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

    private static Schema problemSchema() {
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("JSON path of the field, e.g. secretary.phone, or the parameter's name"))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING));
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
