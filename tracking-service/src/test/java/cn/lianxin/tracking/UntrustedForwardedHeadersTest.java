package cn.lianxin.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import cn.lianxin.testing.LianxinTestResource;

/**
 * The other half of {@link FrontEndEdgeTest}'s TLS proxy: {@code X-Forwarded-*} headers from a client that is not one
 * of {@code LIANXIN_TRUSTED_PROXIES} are ignored, so nobody can make a 201's Location point at a host of their choice.
 * The test client connects from loopback, which the platform's default trusts: here only 10.0.0.0/8 is trusted.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
@TestProfile(UntrustedForwardedHeadersTest.OnlyTenSlashEightTrusted.class)
class UntrustedForwardedHeadersTest {

    public static class OnlyTenSlashEightTrusted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.trusted-proxies", "10.0.0.0/8");
        }
    }

    @Inject
    World world;

    @TestHTTPResource("/api/v1/contacts")
    URL contacts;

    @Test
    void forwardedHeadersFromAClientThatIsNotATrustedProxyAreIgnored() {
        UUID member = world.register(world.branch(world.committee(), "伪代理支部"), "2024-01-15T10:00:00+08:00");
        Response created = given().auth().oauth2(world.tokens.admin())
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "evil.example.com")
                .header("X-Forwarded-Port", "443")
                .header("X-Forwarded-For", "203.0.113.7")
                .contentType(ContentType.JSON)
                .body(Map.of("memberId", member.toString(), "at", "2024-02-01T09:30:00+08:00", "channel", "PHONE",
                        "outcome", "REACHED"))
                .post("/api/v1/contacts");
        created.then().statusCode(201);
        assertThat(contacts.toString()).startsWith("http://");
        assertThat(created.header("Location")).isEqualTo(contacts + "/" + created.path("id"));
    }
}
