package cn.lianxin.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import cn.lianxin.local.ServiceProcess;

/**
 * The container images, as far as they can be checked without a Docker engine (none runs on these machines): each
 * service's Dockerfile.jvm starts from a base image pinned by version or digest, runs as a non-root user with
 * -XX:+ExitOnOutOfMemoryError, java.io.tmpdir on /tmp and the JVM options deploy/local starts a service with
 * ({@code ServiceProcess.serviceJvmOptions()}), has a healthcheck on the management port, installs what
 * AWT needs where the 联心卡 is drawn (the CJK font itself ships in the packaged application), and holds no secret;
 * docker-compose.yml builds every service's image from it ({@code ./mvnw package -DskipTests && docker compose build})
 * and carries credentials only as ${VARIABLES} that a .env file overrides, with visibly throwaway defaults.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerImagesTest {

    private static final Pattern INSTRUCTION = Pattern.compile("^([A-Z]+)\\s+(.*)$");
    private static final Pattern PINNED = Pattern.compile("^[^\\s:@]+(?::[^\\s@]*\\d[^\\s@]*)?(@sha256:[0-9a-f]{64})?$");
    private static final Pattern CREDENTIAL = Pattern.compile(
            "(?i).*(PASSWORD|PASSWD|SECRET|API_KEY|APIKEY|TOKEN|_KEY|JAAS_CONFIG)$");
    private static final Pattern INTERPOLATION = Pattern.compile("^\\$\\{([A-Z0-9_]+)(?::?-([^}]*))?}$");
    private static final String FONT = "fonts/wqy-microhei.ttc";

    private Path root;
    private JsonNode compose;
    private final Map<String, List<String[]>> dockerfiles = new LinkedHashMap<>();

    @BeforeAll
    void load() throws IOException {
        root = Manifests.repositoryRoot();
        compose = Manifests.documents(root.resolve("docker-compose.yml")).get(0);
        for (String service : KubernetesHardeningTest.SERVICES) {
            Path file = dockerfile(service);
            assertThat(file).as("%s: no src/main/docker/Dockerfile.jvm", service).isRegularFile();
            dockerfiles.put(service, instructions(Files.readString(file)));
        }
    }

    @Test
    void baseImagesArePinned() {
        SoftAssertions softly = new SoftAssertions();
        dockerfiles.forEach((service, instructions) -> {
            List<String> from = arguments(instructions, "FROM");
            softly.assertThat(from).as("%s: FROM", service).isNotEmpty();
            for (String image : from) {
                String reference = image.split("\\s+")[0];
                softly.assertThat(reference).as("%s: base image %s must be pinned by a version tag or a digest", service,
                        reference).matches(PINNED).doesNotEndWith(":latest");
                softly.assertThat(reference.contains(":") || reference.contains("@"))
                        .as("%s: base image %s has no tag or digest", service, reference).isTrue();
            }
        });
        compose.path("services").properties().forEach(e -> {
            String image = e.getValue().path("image").asText("");
            if (!e.getValue().has("build") && !image.isEmpty()) {
                softly.assertThat(image).as("compose %s: image pinned by a version tag or a digest", e.getKey())
                        .matches(PINNED).contains(":").doesNotEndWith(":latest");
            }
        });
        softly.assertAll();
    }

    @Test
    void imagesRunAsNonRootWithExitOnOutOfMemoryAndAHealthcheck() {
        SoftAssertions softly = new SoftAssertions();
        dockerfiles.forEach((service, instructions) -> {
            int lastUser = -1;
            int lastRun = -1;
            for (int i = 0; i < instructions.size(); i++) {
                if (instructions.get(i)[0].equals("USER")) {
                    lastUser = i;
                }
                if (instructions.get(i)[0].equals("RUN")) {
                    lastRun = i;
                }
            }
            softly.assertThat(lastUser).as("%s: no USER instruction", service).isNotNegative();
            if (lastUser >= 0) {
                String user = instructions.get(lastUser)[1].split(":")[0].trim();
                softly.assertThat(user).as("%s: the image runs as USER %s", service, user).isNotIn("root", "0");
                softly.assertThat(lastUser).as("%s: USER (non-root) must come after the last RUN", service)
                        .isGreaterThan(lastRun);
            }
            String options = arguments(instructions, "ENV").stream().filter(e -> e.startsWith("JAVA_OPTS_APPEND"))
                    .findFirst().orElse("");
            softly.assertThat(options).as("%s: JAVA_OPTS_APPEND", service)
                    .contains("-XX:+ExitOnOutOfMemoryError").contains("-Djava.io.tmpdir=/tmp");
            // A service runs with the same JVM options in its image as on the local stack (docs/operations.md, "Sizing").
            String collector = arguments(instructions, "ENV").stream().filter(e -> e.startsWith("GC_CONTAINER_OPTIONS"))
                    .findFirst().orElse("");
            List<String> jvmOptions = Stream.of(options, collector)
                    .flatMap(env -> Stream.of(env.substring(env.indexOf('=') + 1).replace("\"", "").trim().split("\\s+")))
                    .toList();
            softly.assertThat(jvmOptions).as("%s: JAVA_OPTS_APPEND and GC_CONTAINER_OPTIONS hold deploy/local's options",
                    service).containsAll(ServiceProcess.serviceJvmOptions());
            softly.assertThat(arguments(instructions, "ENV")).as("%s: ENV holds deploy/local's malloc settings", service)
                    .containsAll(ServiceProcess.MALLOC_ENVIRONMENT.entrySet().stream()
                            .map(setting -> setting.getKey() + "=" + setting.getValue()).toList());
            softly.assertThat(arguments(instructions, "ENTRYPOINT")).as("%s: ENTRYPOINT (run-java.sh, which passes "
                    + "JAVA_OPTS_APPEND to the JVM)", service).anyMatch(e -> e.contains("run-java.sh"));
            String healthcheck = String.join(" ", arguments(instructions, "HEALTHCHECK"));
            softly.assertThat(healthcheck).as("%s: HEALTHCHECK asks readiness on the management port", service)
                    .contains("localhost:" + DeploymentDescriptorsTest.DEFAULT_MANAGEMENT_PORT + "/q/health/ready");
            softly.assertThat(String.join(" ", arguments(instructions, "EXPOSE"))).as("%s: EXPOSE", service)
                    .contains(DeploymentDescriptorsTest.DEFAULT_MANAGEMENT_PORT);
        });
        softly.assertAll();
    }

    /** AWT draws the 联心卡 with the CJK font shipped in contact-card's jar; the image adds fontconfig and FreeType. */
    @Test
    void imagesThatDrawTheContactCardHaveWhatAwtNeeds() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        int drawing = 0;
        for (String service : KubernetesHardeningTest.SERVICES) {
            String pom = Files.readString(root.resolve(service).resolve("pom.xml"));
            if (!pom.contains("<artifactId>lianxin-contact-card</artifactId>")) {
                continue;
            }
            drawing++;
            String run = String.join("\n", arguments(dockerfiles.get(service), "RUN"));
            softly.assertThat(run).as("%s draws the 联心卡: its image must install fontconfig and freetype", service)
                    .containsPattern("(microdnf|dnf|yum|apt-get|apk)\\b[^\\n]*\\binstall\\b")
                    .contains("fontconfig").contains("freetype");
            String options = arguments(dockerfiles.get(service), "ENV").stream()
                    .filter(e -> e.startsWith("JAVA_OPTS_APPEND")).findFirst().orElse("");
            softly.assertThat(options).as("%s: JAVA_OPTS_APPEND", service).contains("-Djava.awt.headless=true");
            // The font is not an image package: it is in the application the image copies (target/quarkus-app).
            Path lib = root.resolve(service).resolve("target/quarkus-app/lib/main");
            List<Path> cards;
            try (Stream<Path> jars = Files.list(lib)) {
                cards = jars.filter(j -> j.getFileName().toString().contains("lianxin-contact-card")).toList();
            }
            softly.assertThat(cards).as("%s: packaged application without contact-card's jar in %s", service, lib)
                    .hasSize(1);
            for (Path card : cards) {
                try (ZipFile zip = new ZipFile(card.toFile())) {
                    softly.assertThat(zip.getEntry(FONT)).as("%s: %s must ship %s", service, card.getFileName(), FONT)
                            .isNotNull();
                }
            }
        }
        assertThat(drawing).as("no service depends on contact-card: is the scan broken?").isPositive();
        softly.assertAll();
    }

    @Test
    void composeBuildsEveryServiceImageFromItsDockerfile() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        for (String service : KubernetesHardeningTest.SERVICES) {
            JsonNode s = compose.path("services").path(service);
            JsonNode build = s.path("build");
            String context = build.isTextual() ? build.asText() : build.path("context").asText("");
            softly.assertThat(root.resolve(context).normalize()).as("compose %s: build context", service)
                    .isEqualTo(root.resolve(service));
            softly.assertThat(root.resolve(context).resolve(build.path("dockerfile").asText("Dockerfile")).normalize())
                    .as("compose %s: builds from its Dockerfile.jvm", service).isEqualTo(dockerfile(service));
            softly.assertThat(s.path("image").asText("")).as("compose %s: names the image it builds", service)
                    .startsWith("lianxin/" + service + ":");
            softly.assertThat(s.path("healthcheck").path("test").isMissingNode()).as("compose %s: healthcheck", service)
                    .isFalse();
        }
        String operations = Files.readString(root.resolve("docs/operations.md"));
        softly.assertThat(operations).as("docs/operations.md: the one command that builds every image")
                .contains("./mvnw package -DskipTests && docker compose build");
        softly.assertAll();
    }

    @Test
    void noSecretsInTheImagesOrTheComposeFile() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        dockerfiles.forEach((service, instructions) -> {
            for (String[] instruction : instructions) {
                if (instruction[0].equals("ENV") || instruction[0].equals("ARG")) {
                    String name = instruction[1].split("[=\\s]")[0];
                    softly.assertThat(CREDENTIAL.matcher(name).matches())
                            .as("%s: %s %s puts a credential into the image", service, instruction[0], name).isFalse();
                }
                softly.assertThat(instruction[1]).as("%s: %s holds a password", service, instruction[0])
                        .doesNotContainPattern("(?i)password\\s*[=:]\\s*\\S");
            }
            softly.assertThat(arguments(instructions, "COPY")).as("%s: COPY of key material", service)
                    .noneMatch(c -> c.matches("(?i).*(\\.pem|\\.p12|\\.jks|\\.key|keys/|\\.env)\\b.*"));
        });
        compose.path("services").properties().forEach(e -> {
            JsonNode env = e.getValue().path("environment");
            env.properties().forEach(variable -> {
                if (!CREDENTIAL.matcher(variable.getKey()).matches()) {
                    return;
                }
                String where = "compose " + e.getKey() + " " + variable.getKey();
                String value = variable.getValue().asText("");
                Matcher m = INTERPOLATION.matcher(value);
                softly.assertThat(m.matches()).as("%s: a credential must be a ${VARIABLE} that .env overrides, not %s",
                        where, value).isTrue();
                if (m.matches() && m.group(2) != null && !m.group(2).isEmpty()) {
                    softly.assertThat(throwaway(m.group(2)))
                            .as("%s: its default %s must be visibly throwaway (dev-only-..., or base64 of "
                                    + "local-throwaway-...)", where, m.group(2)).isTrue();
                }
            });
        });
        softly.assertAll();
    }

    // ----------------------------------------------------------------------------------------------------------

    private Path dockerfile(String service) {
        return root.resolve(service).resolve("src/main/docker/Dockerfile.jvm");
    }

    private static boolean throwaway(String value) {
        if (value.startsWith("dev-only-")) {
            return true;
        }
        try {
            return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8).startsWith("local-throwaway-");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Instruction and arguments, comments dropped and continuation lines joined. */
    private static List<String[]> instructions(String dockerfile) {
        List<String[]> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean continued = trimmed.endsWith("\\");
            current.append(continued ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
            if (!continued) {
                Matcher m = INSTRUCTION.matcher(current.toString().trim());
                if (m.matches()) {
                    instructions.add(new String[] {m.group(1), m.group(2).trim()});
                }
                current.setLength(0);
            }
        }
        return instructions;
    }

    private static List<String> arguments(List<String[]> instructions, String instruction) {
        return instructions.stream().filter(i -> i[0].equals(instruction)).map(i -> i[1]).toList();
    }
}
