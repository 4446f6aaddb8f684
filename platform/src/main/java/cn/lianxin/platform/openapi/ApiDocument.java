package cn.lianxin.platform.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.quarkus.smallrye.openapi.OpenApiFilter;

import cn.lianxin.platform.problem.ProblemResponses;

/**
 * What every service's OpenAPI document gets beyond its annotations, when the document is built: the problem responses
 * ({@link ProblemResponses}), null allowed wherever a value is not required, the {@code Location} header of every 201 (the created resource, readable by a GET; a
 * batch's 201 says {@link #NO_LOCATION}), and
 * the request and response examples of its main flows ({@link OperationExamples}).
 * A filter of the build only ({@link OpenApiFilter.RunStage#BUILD}): the document a service serves is the one its build
 * made and stored (target/openapi), not made again by every start, as it was while {@code mp.openapi.filter} registered
 * it (Quarkus runs such a filter at each start too; docs/operations.md, "Sizing").
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiDocument implements OASFilter {

    /**
     * On a 201 that creates more than one resource and so names none in a Location (a batch):
     * {@code @APIResponse(responseCode = "201", extensions = @Extension(name = ApiDocument.NO_LOCATION, value = "true"))}.
     */
    public static final String NO_LOCATION = "x-lianxin-no-location";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        new ProblemResponses().filterOpenAPI(openAPI);
        documentNullables(openAPI);
        documentLocations(openAPI);
        OperationExamples.fromClasspath().addTo(openAPI);
    }

    /**
     * A property a schema does not require may be absent or null (the services write null for a value they do not
     * have, and take null for one a client leaves out): it says so, {@code type: [string, "null"]} or
     * {@code anyOf: [{$ref}, {type: "null"}]}, so that a strict client validating a real answer accepts it.
     */
    static void documentNullables(OpenAPI openAPI) {
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().values().forEach(ApiDocument::nullableUnlessRequired);
        }
    }

    private static void nullableUnlessRequired(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        Map<String, Schema> properties = new LinkedHashMap<>(schema.getProperties());
        properties.forEach((name, property) -> {
            nullableUnlessRequired(property);
            if (!required.contains(name)) {
                properties.put(name, nullable(property));
            }
        });
        schema.setProperties(properties);
    }

    private static Schema nullable(Schema property) {
        if (property.getRef() != null) {
            return OASFactory.createSchema().addAnyOf(property)
                    .addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL));
        }
        if (property.getType() != null && !property.getType().isEmpty()
                && !property.getType().contains(Schema.SchemaType.NULL)) {
            property.addType(Schema.SchemaType.NULL);
            if (property.getEnumeration() != null && !property.getEnumeration().contains(null)) {
                List<Object> values = new ArrayList<>(property.getEnumeration());
                values.add(null); // an enum lists every value allowed, null too
                property.setEnumeration(values);
            }
        }
        return property;
    }

    private static void documentLocations(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            var created = operation.getResponses() == null ? null : operation.getResponses().getAPIResponse("201");
            boolean batch = created != null && created.getExtensions() != null
                    && created.getExtensions().containsKey(NO_LOCATION);
            if (created != null && !batch
                    && (created.getHeaders() == null || !created.getHeaders().containsKey("Location"))) {
                created.addHeader("Location", OASFactory.createHeader()
                        .description("Where the created resource is: a GET of it answers what this body shows")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri-reference")));
            }
        }));
    }
}
