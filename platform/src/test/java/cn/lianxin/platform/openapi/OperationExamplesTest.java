package cn.lianxin.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.junit.jupiter.api.Test;

import cn.lianxin.platform.openapi.OperationExamples.Example;
import cn.lianxin.platform.openapi.OperationExamples.Response;

class OperationExamplesTest {

    private static final String JSON = "application/json";

    private final Operation record = OASFactory.createOperation().operationId("ContactResource_record")
            .requestBody(OASFactory.createRequestBody().content(OASFactory.createContent()
                    .addMediaType(JSON, OASFactory.createMediaType())))
            .responses(OASFactory.createAPIResponses().addAPIResponse("201", OASFactory.createAPIResponse()
                    .content(OASFactory.createContent().addMediaType(JSON, OASFactory.createMediaType()))));
    private final Operation read = OASFactory.createOperation().operationId("ContactResource_get")
            .responses(OASFactory.createAPIResponses().addAPIResponse("200", OASFactory.createAPIResponse()));
    private final OpenAPI document = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
            .addPathItem("/api/v1/contacts", OASFactory.createPathItem().POST(record))
            .addPathItem("/api/v1/contacts/{id}", OASFactory.createPathItem().GET(read)));

    @Test
    void anExampleLandsOnItsOperationsRequestAndSuccessResponse() {
        Map<String, Object> request = Map.of("memberId", "0192f3a4-5b6c-7d8e-9f01-23456789abcd", "channel", "PHONE");
        Map<String, Object> created = Map.of("id", "0193a1c2-7d4e-7b21-9c3f-5e8a2d1b4f60");
        new OperationExamples(Map.of("ContactResource_record",
                new Example("A liaison phoned a member", request, new Response("201", created)))).addTo(document);

        assertThat(record.getRequestBody().getContent().getMediaType(JSON).getExample()).isEqualTo(request);
        assertThat(record.getRequestBody().getDescription()).isEqualTo("A liaison phoned a member");
        assertThat(record.getResponses().getAPIResponse("201").getContent().getMediaType(JSON).getExample())
                .isEqualTo(created);
    }

    @Test
    void anExampleThatDoesNotFitTheDocumentFailsTheBuildNamingIt() {
        assertThatThrownBy(() -> new OperationExamples(Map.of("ContactResource_delete",
                new Example(null, Map.of(), null))).addTo(document))
                .hasMessageContaining("ContactResource_delete").hasMessageContaining("no such operation");
        assertThatThrownBy(() -> new OperationExamples(Map.of("ContactResource_get",
                new Example(null, Map.of("x", 1), null))).addTo(document))
                .hasMessageContaining("ContactResource_get").hasMessageContaining("takes no application/json body");
        assertThatThrownBy(() -> new OperationExamples(Map.of("ContactResource_record",
                new Example(null, null, new Response("200", Map.of())))).addTo(document))
                .hasMessageContaining("documents no application/json response 200");
    }

    @Test
    void everyCreatedResponseDocumentsItsLocationButABatchs() {
        Operation batch = OASFactory.createOperation().operationId("ContactResource_recordAll")
                .responses(OASFactory.createAPIResponses().addAPIResponse("201", OASFactory.createAPIResponse()
                        .addExtension(ApiDocument.NO_LOCATION, true)));
        document.getPaths().addPathItem("/api/v1/contacts/batch", OASFactory.createPathItem().POST(batch));

        new ApiDocument().filterOpenAPI(document);

        assertThat(record.getResponses().getAPIResponse("201").getHeaders()).containsKey("Location");
        assertThat(read.getResponses().getAPIResponse("200").getHeaders()).isNull();
        assertThat(batch.getResponses().getAPIResponse("201").getHeaders()).isNull();
    }

    @Test
    void aValueThatIsNotRequiredMayBeNull() {
        OpenAPI api = OASFactory.createOpenAPI().components(OASFactory.createComponents().addSchema("MemberView",
                OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).addRequired("id")
                        .addProperty("id", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                        .addProperty("qq", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                        .addProperty("gender", OASFactory.createSchema().ref("#/components/schemas/Gender"))
                        .addProperty("channel", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                                .addEnumeration("SMS").addEnumeration("EMAIL"))));

        ApiDocument.documentNullables(api);

        Map<String, Schema> properties = api.getComponents().getSchemas().get("MemberView").getProperties();
        assertThat(properties.get("id").getType()).containsExactly(Schema.SchemaType.STRING);
        assertThat(properties.get("qq").getType()).containsExactly(Schema.SchemaType.STRING, Schema.SchemaType.NULL);
        assertThat(properties.get("gender").getAnyOf()).extracting(Schema::getRef)
                .containsExactly("#/components/schemas/Gender", null);
        assertThat(properties.get("channel").getEnumeration()).containsExactly("SMS", "EMAIL", null);
    }
}
