package cn.lianxin.testing;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * The management interface of the service under test: {@code /q/health} and {@code /q/metrics} on a port of their own
 * (a free one in tests, 9000 in a deployment), not on the API's.
 */
public final class Management {

    private Management() {
    }

    /** A request to the management interface; paths start with {@code /q/}. */
    public static RequestSpecification given() {
        return RestAssured.given().baseUri(root()).port(-1);
    }

    /** The Prometheus scrape, as Prometheus sees it. */
    public static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /**
     * The value of a Prometheus series in the scrape, summed over the series that match: {@code name} with at least the
     * given labels ({@code "topic", "member.events"}); 0 when there is none yet (a counter never incremented).
     */
    public static double value(String name, String... labels) {
        double sum = 0;
        for (String line : metrics().split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i + 1 < labels.length; i += 2) {
                matches &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (matches) {
                // "name{labels} value", then maybe " # {trace_id=…} 1.0 <time>": an exemplar (OpenMetrics)
                String sample = line.contains(" # ") ? line.substring(0, line.indexOf(" # ")) : line;
                sum += Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** {@code http://host:port} of the management interface. */
    public static String root() {
        String uri = TestHTTPResourceManager.getManagementUri();
        return uri.endsWith("/q") ? uri.substring(0, uri.length() - 2) : uri;
    }
}
