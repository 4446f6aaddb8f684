package cn.lianxin.notification;

import static io.restassured.RestAssured.given;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.lianxin.notification.support.PeersTestResource;
import cn.lianxin.notification.support.RoleScopeRequests;
import cn.lianxin.testing.BadInputContract;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.RoleScopeContract.World;
import cn.lianxin.testing.Tokens;

/**
 * The bad-input corpus over every operation of notification-service, aimed at a notification about a member and at a
 * template, whose text is put back afterwards (SQL or formula characters are text a template may hold, and the corpus
 * may store them; later tests render it).
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
@WithTestResource(PeersTestResource.class)
class BadInputTest extends BadInputContract {

    private static final String TEMPLATE = "case-opened";

    @Inject
    EntityManager em;

    private static RoleScopeRequests q;
    private static World world;
    private static Map<String, String> template;

    @Override
    protected String schema() {
        return "notification";
    }

    private World world() {
        if (world == null) {
            q = new RoleScopeRequests(em);
            world = q.createWorld();
            template = q.template(TEMPLATE);
        }
        return world;
    }

    @Override
    protected String validValue(String method, String path, String name) {
        World w = world();
        return switch (name) {
            case "id" -> q.notificationAbout(w.ownMember()).toString();
            case "key" -> TEMPLATE;
            case "memberId" -> w.ownMember().toString();
            default -> null;
        };
    }

    @Override
    protected String validBody(String method, String path) {
        world();
        try {
            return path.startsWith("/api/v1/templates/") ? new ObjectMapper().writeValueAsString(template) : null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void putTheTemplateBack() {
        if (template == null) {
            return; // the corpus never ran
        }
        given().auth().oauth2(Tokens.forTests().admin()).contentType("application/json").header("If-Match", "*").body(template)
                .put("/api/v1/templates/{key}", TEMPLATE).then().statusCode(200);
    }
}
