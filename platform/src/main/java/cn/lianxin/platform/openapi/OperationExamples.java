package cn.lianxin.platform.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The request and response examples of a service's main flows, written once in its {@value #RESOURCE} and added to its
 * OpenAPI document, so that a front-end developer sees a realistic call (Chinese names, real codes) beside each schema.
 * The file maps an operationId to a summary, the request body and the success response:
 *
 * <pre>{"ContactResource_record": {"summary": "…", "request": {…}, "response": {"status": "201", "body": {…}}}}</pre>
 *
 * An example for an operation the document does not have, a request example for an operation without a JSON body, or a
 * response example for a status it does not document, fails the build: the examples cannot drift silently from the
 * API. That each example is also valid against its schema is checked by every service's {@code ServiceSurfaceTest}.
 */
public final class OperationExamples {

    /** Where a service keeps its examples, on its classpath. */
    public static final String RESOURCE = "openapi/examples.json";

    private static final String JSON = "application/json";

    /** One operation's example: what a client sends and what it gets back. */
    public record Example(String summary, Object request, Response response) {
    }

    /** The success response of an example: its status and body. */
    public record Response(String status, Object body) {
    }

    private final Map<String, Example> byOperationId;

    OperationExamples(Map<String, Example> byOperationId) {
        this.byOperationId = byOperationId;
    }

    /** The service's examples; none when it has no {@value #RESOURCE}. */
    static OperationExamples fromClasspath() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return new OperationExamples(Map.of());
            }
            return new OperationExamples(new ObjectMapper().readValue(in, new TypeReference<LinkedHashMap<String, Example>>() {
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + " is not readable: " + e.getMessage(), e);
        }
    }

    /** Adds every example to its operation; throws when one names an operation, body or status the document lacks. */
    void addTo(OpenAPI openAPI) {
        Map<String, Operation> operations = new LinkedHashMap<>();
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values()
                    .forEach(operation -> operations.put(operation.getOperationId(), operation)));
        }
        byOperationId.forEach((operationId, example) -> {
            Operation operation = operations.get(operationId);
            if (operation == null) {
                throw refused(operationId, "the document has no such operation");
            }
            if (example.request() != null) {
                MediaType body = operation.getRequestBody() == null || operation.getRequestBody().getContent() == null
                        ? null : operation.getRequestBody().getContent().getMediaType(JSON);
                if (body == null) {
                    throw refused(operationId, "it takes no " + JSON + " body");
                }
                body.setExample(example.request());
                if (example.summary() != null && operation.getRequestBody().getDescription() == null) {
                    operation.getRequestBody().setDescription(example.summary());
                }
            }
            if (example.response() != null) {
                APIResponse response = operation.getResponses() == null ? null
                        : operation.getResponses().getAPIResponse(example.response().status());
                MediaType body = response == null || response.getContent() == null ? null
                        : response.getContent().getMediaType(JSON);
                if (body == null) {
                    throw refused(operationId, "it documents no " + JSON + " response " + example.response().status());
                }
                body.setExample(example.response().body());
            }
        });
    }

    private static IllegalStateException refused(String operationId, String why) {
        return new IllegalStateException(RESOURCE + ": the example of " + operationId + " does not fit: " + why);
    }
}
