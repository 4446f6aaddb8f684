package cn.lianxin.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a packaged service, started as {@link ServiceProcess} starts one: its management interface answers
 * readiness at once, and then, as {@code args[0]} says, it {@code listens} on {@code QUARKUS_HTTP_PORT} (0: a free
 * port) and logs Quarkus's started line, finds its port {@code taken} and exits with 1 as Quarkus does, or stays
 * {@code silent} (still starting).
 */
public final class FakeQuarkusService {

    private FakeQuarkusService() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer management = serve(port("QUARKUS_MANAGEMENT_PORT"));
        management.createContext("/q/health/ready", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        switch (args[0]) {
            case "listens" -> {
                HttpServer http = serve(port("QUARKUS_HTTP_PORT"));
                System.out.println("INFO  [io.quarkus] (main) fake 1.0 on JVM started in 0.1s. Listening on: http://127.0.0.1:"
                        + http.getAddress().getPort() + ". Management interface listening on http://127.0.0.1:"
                        + management.getAddress().getPort() + ".");
            }
            case "taken" -> {
                System.out.println("ERROR [io.qu.ru.Application] (main) Port " + port("QUARKUS_HTTP_PORT")
                        + " seems to be in use by another process.");
                System.exit(1);
            }
            default -> System.out.println("starting");
        }
    }

    private static int port(String variable) {
        return Integer.parseInt(System.getenv().getOrDefault(variable, "0"));
    }

    private static HttpServer serve(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.start();
        return server;
    }
}
