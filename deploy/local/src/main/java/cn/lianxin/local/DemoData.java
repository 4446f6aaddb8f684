package cn.lianxin.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads demo organizations through the public API, as a front-end would. */
final class DemoData {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private DemoData() {
    }

    static void load(String adminToken, List<LianxinService> services) throws IOException, InterruptedException {
        String member = services.get(0).url();
        HttpClient http = HttpClient.newHttpClient();
        String city = createOrg(http, member, adminToken, null, "COMMITTEE", "中共X市委员会", "赵建华", "13800000001");
        String district = createOrg(http, member, adminToken, city, "COMMITTEE", "中共X市海河区委员会", "钱卫东", "13800000002");
        String street = createOrg(http, member, adminToken, district, "GENERAL_BRANCH", "中共X市海河区新华街道总支部委员会", "孙丽萍", "13800000003");
        createOrg(http, member, adminToken, street, "BRANCH", "中共X市海河区新华街道第一支部委员会", "李国强", "13800000004");
        createOrg(http, member, adminToken, street, "BRANCH", "中共X市海河区新华街道第二支部委员会", "周敏", "13800000005");
        System.out.printf("  ✔ %-21s %s%n", "demo data", "X市: city committee " + city + " with a district, a general branch and two branches");
    }

    private static String createOrg(HttpClient http, String baseUrl, String token, String parentId, String type, String name,
            String secretary, String phone) throws IOException, InterruptedException {
        String body = """
                {"name": "%s", "type": "%s", %s "secretary": {"name": "%s", "phone": "%s"},
                 "wechatGroupUrl": "https://weixin.qq.com/g/demo-lianxin", "webAddress": "https://djw.example.org"}
                """.formatted(name, type, parentId == null ? "" : "\"parentId\": \"" + parentId + "\",", secretary, phone);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/orgs"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("demo org " + name + " was refused: " + response.statusCode() + " " + response.body());
        }
        Matcher id = ID.matcher(response.body());
        if (!id.find()) {
            throw new IllegalStateException("no id in " + response.body());
        }
        return id.group(1);
    }
}
