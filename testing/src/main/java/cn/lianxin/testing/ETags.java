package cn.lianxin.testing;

import static io.restassured.RestAssured.given;

/** The ETag a resource answers now: what a PATCH or PUT of it sends in If-Match (safe writes, docs/architecture.md). */
public final class ETags {

    private ETags() {
    }

    /** GETs {@code path} as {@code token} sees it (200 expected) and returns its ETag, e.g. {@code "3"}. */
    public static String of(String token, String path, Object... pathParams) {
        return given().auth().oauth2(token).get(path, pathParams).then().statusCode(200).extract().header("ETag");
    }
}
