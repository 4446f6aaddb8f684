package cn.lianxin.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.junit.jupiter.api.Test;

class ProblemResponsesTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void everyOperationGetsTheProblemResponsesThatApplyToIt() {
        Operation read = OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().description("The list")));
        Operation create = OASFactory.createOperation().requestBody(OASFactory.createRequestBody());
        Operation readOne = OASFactory.createOperation();
        OpenAPI document = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/v1/things", OASFactory.createPathItem()
                        .GET(read).POST(create))
                .addPathItem("/api/v1/things/{id}", OASFactory.createPathItem().GET(readOne)));

        new ProblemResponses().filterOpenAPI(document);

        assertThat(read.getResponses().getAPIResponses()).containsOnlyKeys("200", "400", "401", "403", "503");
        assertThat(create.getResponses().getAPIResponses()).containsOnlyKeys("400", "401", "403", "409", "413", "422", "503");
        assertThat(readOne.getResponses().getAPIResponses()).containsOnlyKeys("400", "401", "403", "404", "503");
        assertThat(readOne.getResponses().getAPIResponse("404").getRef()).isEqualTo("#/components/responses/NotFound");
        assertThat(create.getResponses().getAPIResponse("409").getRef()).isEqualTo("#/components/responses/Conflict");
        APIResponse notFound = document.getComponents().getResponses().get("NotFound");
        assertThat(notFound.getDescription()).startsWith("Unknown here");
        assertThat(notFound.getContent().getMediaType(PROBLEM).getSchema().getRef()).isEqualTo("#/components/schemas/Problem");
        assertThat(notFound.getContent().getMediaType(PROBLEM).getExample())
                .isInstanceOfSatisfying(Map.class, example -> assertThat(example).containsEntry("status", 404));
        assertThat(document.getComponents().getSchemas().get("Problem").getRequired()).containsExactly("title", "status");
        assertThat(document.getComponents().getSchemas().get("Problem").getProperties().get("errors").getItems().getRef())
                .isEqualTo("#/components/schemas/FieldError");
        assertThat(document.getComponents().getSchemas().get("FieldError").getRequired()).containsExactly("field", "message");
    }

    @Test
    void eachKindOfProblemIsWrittenOnceUnderTheComponentsAndOnlyTheKindsInUse() {
        Operation first = OASFactory.createOperation();
        Operation second = OASFactory.createOperation();
        OpenAPI document = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/v1/things/{id}", OASFactory.createPathItem().GET(first))
                .addPathItem("/api/v1/others/{id}", OASFactory.createPathItem().GET(second)));

        new ProblemResponses().filterOpenAPI(document);

        assertThat(document.getComponents().getResponses())
                .containsOnlyKeys("BadRequest", "Unauthorized", "Forbidden", "NotFound", "ServiceUnavailable");
        assertThat(first.getResponses().getAPIResponse("401").getRef())
                .isEqualTo(second.getResponses().getAPIResponse("401").getRef())
                .isEqualTo("#/components/responses/Unauthorized");
    }

    @Test
    void aProblemResponseTheOperationDocumentsKeepsItsDescriptionAndGainsTheProblemBody() {
        Operation operation = OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("404", OASFactory.createAPIResponse().description("No such member in your subtree")));
        OpenAPI document = OASFactory.createOpenAPI().paths(OASFactory.createPaths().addPathItem("/api/v1/members/{id}",
                OASFactory.createPathItem().GET(operation)));

        new ProblemResponses().filterOpenAPI(document);

        APIResponses responses = operation.getResponses();
        assertThat(responses.getAPIResponse("404").getDescription()).isEqualTo("No such member in your subtree");
        assertThat(responses.getAPIResponse("404").getContent().getMediaType(PROBLEM).getExample())
                .isInstanceOfSatisfying(Map.class, example -> assertThat(example).containsEntry("status", 404));
    }

    @Test
    void aResponseTheFrameworkDocumentedBecomesTheSharedOne() {
        Operation operation = OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("400", OASFactory.createAPIResponse().description("Bad Request"))
                .addAPIResponse("401", OASFactory.createAPIResponse().description("Not Authorized"))
                .addAPIResponse("403", OASFactory.createAPIResponse().description("Not Allowed")));
        OpenAPI document = OASFactory.createOpenAPI().paths(OASFactory.createPaths().addPathItem("/api/v1/members",
                OASFactory.createPathItem().GET(operation)));

        new ProblemResponses().filterOpenAPI(document);

        assertThat(operation.getResponses().getAPIResponse("400").getRef()).isEqualTo("#/components/responses/BadRequest");
        assertThat(operation.getResponses().getAPIResponse("401").getRef()).isEqualTo("#/components/responses/Unauthorized");
        assertThat(operation.getResponses().getAPIResponse("403").getRef()).isEqualTo("#/components/responses/Forbidden");
        assertThat(document.getComponents().getResponses().get("Unauthorized").getDescription())
                .isEqualTo("No valid bearer token");
    }

    @Test
    void anErrorStatusTheOperationDocumentsItselfGetsTheProblemBodyWithItsReason() {
        Operation operation = OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("429", OASFactory.createAPIResponse().description("Too many duplicate hits; retry later")));
        OpenAPI document = OASFactory.createOpenAPI().paths(OASFactory.createPaths().addPathItem("/api/v1/members",
                OASFactory.createPathItem().POST(operation)));

        new ProblemResponses().filterOpenAPI(document);

        assertThat(operation.getResponses().getAPIResponse("429").getContent().getMediaType(PROBLEM).getExample())
                .isInstanceOfSatisfying(Map.class, example -> assertThat(example)
                        .containsEntry("status", 429).containsEntry("title", "Too Many Requests"));
    }

    @Test
    void aConditionalWriteDocuments412And428ItsRequiredIfMatchAndTheETagItAndItsReadAnswer() {
        Operation read = OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().description("The member")));
        Operation change = OASFactory.createOperation()
                .addParameter(OASFactory.createParameter().name("If-Match").in(Parameter.In.HEADER))
                .responses(OASFactory.createAPIResponses()
                        .addAPIResponse("200", OASFactory.createAPIResponse().description("The changed member")));
        Operation create = OASFactory.createOperation()
                .addParameter(OASFactory.createParameter().name("Idempotency-Key").in(Parameter.In.HEADER));
        OpenAPI document = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/v1/members/{id}", OASFactory.createPathItem().GET(read).PATCH(change))
                .addPathItem("/api/v1/members/{id}/outflows", OASFactory.createPathItem().POST(create)));

        new ProblemResponses().filterOpenAPI(document);

        assertThat(change.getResponses().getAPIResponses()).containsKeys("412", "428");
        assertThat(change.getParameters().get(0).getRequired()).isTrue();
        assertThat(change.getResponses().getAPIResponse("200").getHeaders()).containsKey("ETag");
        assertThat(read.getResponses().getAPIResponse("200").getHeaders()).containsKey("ETag");
        assertThat(read.getResponses().getAPIResponses()).doesNotContainKeys("412", "428");
        assertThat(create.getResponses().getAPIResponses()).doesNotContainKeys("412", "428");
        assertThat(create.getParameters().get(0).getDescription()).contains("24 h");
    }
}
