package cn.lianxin.faults;

import static cn.lianxin.faults.FaultySystem.MEMBER;
import static cn.lianxin.faults.FaultySystem.TRACKING;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import cn.lianxin.local.demo.FictitiousPeople;

/** The organization and members the fault scenarios write about, registered through member-service's API. */
final class People {

    private static final FictitiousPeople PEOPLE = new FictitiousPeople(20271212L);

    private People() {
    }

    /** A branch of its own committee. */
    static UUID branch(FaultySystem system, String name) {
        UUID committee = org(system, null, "COMMITTEE", "中共" + name + "镇委员会");
        return org(system, committee, "BRANCH", name + "村支部");
    }

    /** Registers a member of {@code branch} and waits until tracking-service knows them (contacts can be logged). */
    static UUID member(FaultySystem system, UUID branch) {
        UUID member = UUID.fromString(api(system, MEMBER).body(memberBody(branch)).post("/api/v1/members")
                .then().statusCode(201).extract().path("id"));
        Awaitility.await("member " + member + " known to tracking-service").atMost(Duration.ofSeconds(60))
                .until(() -> api(system, TRACKING).get("/api/v1/members/{id}/contact-status", member).statusCode() == 200);
        return member;
    }

    /** The registration of a full member of {@code branch}, born 1985–1993, reached first by SMS. */
    static synchronized Map<String, Object> memberBody(UUID branch) {
        LocalDate birthDate = LocalDate.of(1985, 6, 1).plusDays(PEOPLE.between(0, 3000));
        String phone = PEOPLE.phone();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", PEOPLE.name());
        body.put("idNumber", PEOPLE.idNumber(birthDate, true));
        body.put("gender", "MALE");
        body.put("ethnicity", "汉族");
        body.put("birthDate", birthDate.toString());
        body.put("phone", phone);
        body.put("wechat", "wx_" + phone);
        body.put("email", "m" + phone + "@example.org");
        body.put("orgId", branch.toString());
        body.put("category", "FULL");
        body.put("joinedAt", "2010-07-01");
        body.put("regularizedAt", "2011-07-01");
        body.put("emergencyContact", Map.of("name", PEOPLE.name(), "relation", "配偶", "phone", PEOPLE.phone()));
        body.put("preferredChannel", "SMS");
        return body;
    }

    static RequestSpecification api(FaultySystem system, String module) {
        return RestAssured.given().baseUri(system.url(module)).auth().oauth2(FaultySystem.admin())
                .contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private static UUID org(FaultySystem system, UUID parent, String type, String name) {
        String phone = PEOPLE.phone();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", type);
        if (parent != null) {
            body.put("parentId", parent);
        }
        body.put("secretary", Map.of("name", PEOPLE.name() + "书记", "phone", phone, "email", "s" + phone + "@example.org"));
        return UUID.fromString(api(system, MEMBER).body(body).post("/api/v1/orgs").then().statusCode(201).extract().path("id"));
    }
}
