package cn.lianxin.systemtests.identity;

import static cn.lianxin.systemtests.identity.KeycloakServer.REALM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;
import io.restassured.common.mapper.TypeRef;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import cn.lianxin.local.LianxinService;
import cn.lianxin.local.ServiceProcess;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;
import cn.lianxin.testing.TestJvm;

/**
 * Issue 16 item 1: the services trust a real identity provider by configuration only. A Keycloak imports the realm of
 * deploy/keycloak/lianxin-realm.json as it is; its users get their roles (realm roles, mapped into {@code groups}) and
 * their org and member (user attributes, mapped into {@code org} and {@code member}) through the administration API,
 * as an operator would give them. member-service, started from its packaged build, is pointed at the realm's JWKS URL
 * and issuer and requires the {@code lianxin} audience (docs/operations.md, "Connecting your own OIDC provider").
 * Then Keycloak's signing key is rotated and the running service follows: the new key's tokens are accepted and the
 * removed key's refused, without a restart.
 *
 * <p>The methods run in order on one Keycloak and one service: the rotation has to come before the tokens with kids
 * the service has never seen (another realm, another key), because every unknown kid makes SmallRye JWT fetch the
 * key set again, at most once per {@code smallrye.jwt.jwks.forced-refresh-interval} (a minute): had a stranger's token
 * used that fetch just before, the new key would only be seen a minute later (docs/operations.md explains why keys
 * are best published before they sign).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakTokensSystemTest {

    private static final String SERVICE = "member-service";
    private static final String AUDIENCE = "lianxin";
    /** A front-end client like the realm's lianxin-web, but with the password grant: for this test only. */
    private static final String TEST_CLIENT = "lianxin-test";
    private static final Path REALM_FILE = Path.of("../deploy/keycloak/lianxin-realm.json").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> passwords = new HashMap<>();
    private final List<String> timings = new ArrayList<>();
    private KeycloakServer keycloak;
    private ServiceProcess service;
    private UUID committee;
    private UUID branch;
    private UUID siblingBranch;

    @BeforeAll
    void start() {
        long begin = System.nanoTime();
        Path logs = Path.of("target/identity-logs").toAbsolutePath();
        keycloak = KeycloakServer.start(Path.of("target/keycloak-dist").toAbsolutePath(), List.of(REALM_FILE), logs);
        // Configured with the realm's endpoints before Keycloak answers (both start side by side); the discovery
        // document is checked against this configuration below.
        Map<String, String> env = new HashMap<>(LianxinTestResource.serviceEnvironment());
        env.put("LIANXIN_JWT_PUBLIC_KEY_LOCATION", keycloak.issuer(REALM) + "/protocol/openid-connect/certs");
        env.put("LIANXIN_JWT_ISSUER", keycloak.issuer(REALM));
        env.put("LIANXIN_JWT_AUDIENCES", AUDIENCE);
        env.put("LIANXIN_LOG_JSON", "false");
        env.putAll(TestJvm.environment());
        env.put("QUARKUS_MANAGEMENT_PORT", "0"); // health on a free port of its own (named once it listens), never 9000
        service = ServiceProcess.start(Path.of("..").toAbsolutePath().normalize(), new LianxinService(SERVICE, 0), env, logs);
        ServiceProcess started = service;
        Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "member-service-stop"));
        keycloak.awaitReady(Duration.ofSeconds(240));
        timings.add("Keycloak ready after " + millisSince(begin) + " ms");
        service.awaitReady(Duration.ofSeconds(120));
        timings.add(SERVICE + " ready after " + millisSince(begin) + " ms");

        JsonPath discovery = JsonPath.from(keycloak.discoveryDocument(REALM));
        assertThat(discovery.getString("issuer")).isEqualTo(env.get("LIANXIN_JWT_ISSUER"));
        assertThat(discovery.getString("jwks_uri")).isEqualTo(env.get("LIANXIN_JWT_PUBLIC_KEY_LOCATION"));

        createTestClient();
        long firstToken = System.nanoTime();
        String admin = token(user("lx-admin", "ADMIN", null));
        timings.add("first token after " + millisSince(firstToken) + " ms (users, client: " + millisSince(begin) + " ms in all)");
        committee = createOrg(admin, null, "COMMITTEE", "联信街道党工委");
        branch = createOrg(admin, committee, "BRANCH", "联信社区第一党支部");
        siblingBranch = createOrg(admin, committee, "BRANCH", "联信社区第二党支部");
        user("lx-secretary", "SECRETARY", branch);
        user("lx-org-admin", "ORG_ADMIN", committee);
    }

    @AfterAll
    void stop() {
        timings.forEach(line -> System.out.println("[KeycloakTokensSystemTest] " + line));
        if (service != null) {
            service.stop();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    @Order(1)
    void rolesOrgAndMemberComeFromTheRealmsMappers() {
        String secretary = token("lx-secretary");
        Map<String, Object> claims = claims(secretary);
        assertThat(claims).containsEntry("iss", keycloak.issuer(REALM)).containsEntry("org", branch.toString());
        assertThat(strings(claims, "groups")).contains("SECRETARY").doesNotContain("ADMIN", "ORG_ADMIN");
        assertThat(strings(claims, "aud")).contains(AUDIENCE);

        api(secretary).get("/api/v1/orgs/{id}", branch).then().statusCode(200).body("name", equalTo("联信社区第一党支部"));
        // Outside the subtree of the token's org: absent, not forbidden (OrgScope).
        api(secretary).get("/api/v1/orgs/{id}", siblingBranch).then().statusCode(404);
        api(secretary).get("/api/v1/orgs/{id}", committee).then().statusCode(404);
        // groups carries SECRETARY only: creating an org is for ADMIN and ORG_ADMIN.
        api(secretary).body(org(branch, "GENERAL_BRANCH", "不该建立的总支")).post("/api/v1/orgs").then().statusCode(403);

        String orgAdmin = token("lx-org-admin");
        api(orgAdmin).get("/api/v1/orgs/{id}/children", committee).then().statusCode(200).body("size()", equalTo(2));

        UUID member = UUID.randomUUID();
        user("lx-member", "MEMBER", branch, member);
        assertThat(claims(token("lx-member"))).containsEntry("member", member.toString())
                .containsEntry("org", branch.toString());
        // A user given no Lianxin role: the realm's default roles hold none, so the service forbids.
        user("lx-nobody", null, null);
        api(token("lx-nobody")).get("/api/v1/orgs/{id}", branch).then().statusCode(403);
    }

    @Test
    @Order(2)
    void aTokenTheRealmIssuesForAnotherClientIsRefused() {
        // Same realm, same key, same user and claims, but for a client without the lianxin audience mapper: a token
        // meant for another application must not open Lianxin (LIANXIN_JWT_AUDIENCES=lianxin).
        Map<String, Object> web = lianxinWebClient();
        List<Map<String, Object>> mappers = mappersOf(web).stream()
                .filter(mapper -> !"oidc-audience-mapper".equals(mapper.get("protocolMapper"))).toList();
        keycloak.admin(REALM).body(Map.of("clientId", "other-app", "publicClient", true, "standardFlowEnabled", false,
                "directAccessGrantsEnabled", true, "protocolMappers", mappers)).post("/clients").then().statusCode(201);
        String otherApp = keycloak.passwordGrant(REALM, "other-app", "lx-admin", passwords.get("lx-admin"));
        assertThat(strings(claims(otherApp), "groups")).contains("ADMIN");
        assertThat(strings(claims(otherApp), "aud")).doesNotContain(AUDIENCE);
        api(otherApp).get("/api/v1/orgs/{id}", branch).then().statusCode(401);
        api(token("lx-admin")).get("/api/v1/orgs/{id}", branch).then().statusCode(200);
    }

    @Test
    @Order(3)
    void aKeyRotationInKeycloakIsFollowedWithoutRestart() {
        String before = token("lx-secretary");
        String oldKid = kid(before);
        api(before).get("/api/v1/orgs/{id}", branch).then().statusCode(200);
        JsonPath keys = keycloak.keys(REALM);
        assertThat(keys.getString("active.RS256")).isEqualTo(oldKid);
        String oldProvider = keys.getString("keys.find { it.kid == '" + oldKid + "' }.providerId");

        // A new generated RSA key of higher priority signs from now on; the old one is removed from the realm.
        String realmId = keycloak.admin(REALM).get("").then().statusCode(200).extract().path("id");
        keycloak.admin(REALM).body(Map.of("name", "rsa-rotated", "providerId", "rsa-generated",
                        "providerType", "org.keycloak.keys.KeyProvider", "parentId", realmId,
                        "config", Map.of("priority", List.of("200"), "algorithm", List.of("RS256"),
                                "keySize", List.of("2048"), "active", List.of("true"), "enabled", List.of("true"))))
                .post("/components").then().statusCode(201);
        keycloak.admin(REALM).delete("/components/{id}", oldProvider).then().statusCode(204);
        long rotated = System.nanoTime();

        String after = token("lx-secretary");
        String newKid = kid(after);
        assertThat(newKid).isNotEqualTo(oldKid).isEqualTo(keycloak.keys(REALM).getString("active.RS256"));
        await("the new key's token accepted").atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> api(after).get("/api/v1/orgs/{id}", branch).then().statusCode(200));
        timings.add("rotation followed after " + millisSince(rotated) + " ms (new kid accepted)");
        await("the removed key's token refused").atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> api(before).get("/api/v1/orgs/{id}", branch).then().statusCode(401));
        timings.add("removed key refused after " + millisSince(rotated) + " ms");

        // The same process throughout: started once, never restarted.
        assertThat(service.isAlive()).isTrue();
        assertThat(startsLogged()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void tokensOfAnotherRealmOrAnotherKeyAreRefused() throws IOException {
        // Another realm of the same Keycloak, configured exactly like lianxin, with an ADMIN: its own issuer and keys.
        Map<String, Object> elsewhere = JSON.readValue(REALM_FILE.toFile(), new TypeReference<>() { });
        elsewhere.put("realm", "elsewhere");
        String password = newPassword();
        elsewhere.put("clients", List.of(testClient(mappersOf(lianxinWebClient()))));
        elsewhere.put("users", List.of(Map.of("username", "intruder", "enabled", true, "firstName", "Test",
                "lastName", "Intruder", "email", "intruder@example.org", "emailVerified", true,
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)),
                "realmRoles", List.of("ADMIN"))));
        keycloak.createRealm(elsewhere);
        String intruder = keycloak.passwordGrant("elsewhere", TEST_CLIENT, "intruder", password);
        assertThat(strings(claims(intruder), "groups")).contains("ADMIN");
        assertThat(strings(claims(intruder), "aud")).contains(AUDIENCE);
        api(intruder).get("/api/v1/orgs/{id}", branch).then().statusCode(401);

        // The local stack's kind of token (deploy/bootstrap's key pair): not trusted once the services trust Keycloak.
        api(new Tokens(LianxinTestResource.jwtKeys()).admin()).get("/api/v1/orgs/{id}", branch).then().statusCode(401);
        // Unsigned, with the realm's issuer and a plausible payload.
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "." + token("lx-admin").split("\\.")[1] + ".";
        api(unsigned).get("/api/v1/orgs/{id}", branch).then().statusCode(401);

        assertThat(service.errorLines()).as("errors logged by %s (see %s)", SERVICE, service.log()).isEmpty();
    }

    // ----------------------------------------------------------------------------------------------------------

    private RequestSpecification api(String token) {
        return RestAssured.given().baseUri(service.service().url()).auth().oauth2(token)
                .contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private UUID createOrg(String adminToken, UUID parent, String type, String name) {
        return UUID.fromString(api(adminToken).body(org(parent, type, name)).post("/api/v1/orgs").then().statusCode(201)
                .extract().path("id"));
    }

    private static Map<String, Object> org(UUID parent, String type, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", type);
        if (parent != null) {
            body.put("parentId", parent);
        }
        body.put("secretary", Map.of("name", "王书记", "phone", "13800138000", "email", "secretary@example.org"));
        return body;
    }

    private Map<String, Object> lianxinWebClient() {
        List<Map<String, Object>> clients = keycloak.admin(REALM).queryParam("clientId", "lianxin-web").get("/clients")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(clients).as("the realm's front-end client lianxin-web").hasSize(1);
        return clients.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> mappersOf(Map<String, Object> client) {
        List<Map<String, Object>> mappers = new ArrayList<>();
        for (Map<String, Object> mapper : (List<Map<String, Object>>) client.get("protocolMappers")) {
            Map<String, Object> copy = new LinkedHashMap<>(mapper);
            copy.remove("id");
            mappers.add(copy);
        }
        return mappers;
    }

    private static Map<String, Object> testClient(List<Map<String, Object>> mappers) {
        return Map.of("clientId", TEST_CLIENT, "publicClient", true, "standardFlowEnabled", false,
                "directAccessGrantsEnabled", true, "protocolMappers", mappers);
    }

    /** The test client carries the very mappers the realm's lianxin-web has, as Keycloak imported them. */
    private void createTestClient() {
        keycloak.admin(REALM).body(testClient(mappersOf(lianxinWebClient()))).post("/clients").then().statusCode(201);
    }

    private String user(String username, String role, UUID org) {
        return user(username, role, org, null);
    }

    /** Creates a user with a generated password, {@code role} as realm role and org/member as user attributes. */
    private String user(String username, String role, UUID org, UUID member) {
        Map<String, List<String>> attributes = new HashMap<>();
        if (org != null) {
            attributes.put("org", List.of(org.toString()));
        }
        if (member != null) {
            attributes.put("member", List.of(member.toString()));
        }
        String password = newPassword();
        Map<String, Object> user = Map.of("username", username, "enabled", true, "firstName", "Test", "lastName", username,
                "email", username + "@example.org", "emailVerified", true, "attributes", attributes,
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        String location = keycloak.admin(REALM).body(user).post("/users").then().statusCode(201).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        if (role != null) {
            Map<String, Object> roleRepresentation = keycloak.admin(REALM).get("/roles/{name}", role).then().statusCode(200)
                    .extract().as(new TypeRef<Map<String, Object>>() { });
            keycloak.admin(REALM).body(List.of(roleRepresentation)).post("/users/{id}/role-mappings/realm", id).then()
                    .statusCode(204);
        }
        passwords.put(username, password);
        return username;
    }

    private String token(String username) {
        return keycloak.passwordGrant(REALM, TEST_CLIENT, username, passwords.get(username));
    }

    private static Map<String, Object> claims(String token) {
        return decode(token.split("\\.")[1]);
    }

    /** A claim that is a string or an array of strings (Keycloak writes a single audience as a string). */
    private static List<String> strings(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(value.toString());
    }

    private static String kid(String token) {
        return (String) decode(token.split("\\.")[0]).get("kid");
    }

    private static Map<String, Object> decode(String part) {
        try {
            return JSON.readValue(Base64.getUrlDecoder().decode(part), new TypeReference<>() { });
        } catch (IOException e) {
            throw new AssertionError("not a JWT part: " + part, e);
        }
    }

    private long startsLogged() {
        try {
            return Files.readAllLines(service.log()).stream().filter(line -> line.contains(" started in ")).count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
