package cn.lianxin.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import cn.lianxin.kafka.LianxinTopics;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * docker-compose.yml and deploy/k8s describe the same topology as the services' configuration: every service
 * present, its port equal to {@code quarkus.http.port}, every REQUIRED environment variable provided, probes on
 * the health endpoints, the Kustomize base complete, and exactly the event topics (and their dead-letter topics)
 * created with explicit partitions.
 *
 * <p>A REQUIRED environment variable is derived, never listed here: a {@code ${NAME}} without default (no
 * {@code :}) in a value of platform's {@code META-INF/microprofile-config.properties} or the service's
 * {@code application.properties}, in a property active in the production profile, where NAME is not itself a
 * property defined in those files (then it is a reference to that property, not to the environment).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentDescriptorsTest {

    private static final List<String> SERVICES =
            List.of("member-service", "tracking-service", "case-service", "notification-service");
    /**
     * docs/domain.md §4, and the lookups' topics between case-service and the departments (contracts' EventType); each
     * one also has a {@code <topic>.dlq} (failure strategy dead-letter-queue).
     */
    private static final List<String> EVENT_TOPICS = List.of("member.events", "contact.events", "case.events",
            "notification.events", "lookup.requests", "lookup.answers");
    private static final int PARTITIONS = 6;

    private static final String READY = "/q/health/ready";
    private static final String LIVE = "/q/health/live";
    private static final String STARTED = "/q/health/started";
    private static final String JWT_KEY_LOCATION = "LIANXIN_JWT_PUBLIC_KEY_LOCATION";
    /** Quarkus's quarkus.management.port when none is set. */
    static final String DEFAULT_MANAGEMENT_PORT = "9000";

    private static final Pattern REFERENCE_WITHOUT_DEFAULT = Pattern.compile("\\$\\{([^${}:]+)}");
    private static final Pattern TOPIC_ARGUMENT = Pattern.compile("--topic[= ]+[\"']?([^\\s\"']+)");
    private static final Pattern PARTITIONS_ARGUMENT = Pattern.compile("--partitions[= ]+[\"']?(\\d+)");
    private static final Pattern CONFIG_ARGUMENT = Pattern.compile("--config[= ]+[\"']?([a-z.]+)=[\"']?([^\\s\"']+)");
    /** The kafka-topics Job's min.insync.replicas: a ConfigMap key, set per overlay. */
    private static final String MIN_INSYNC_VARIABLE = "$KAFKA_TOPIC_MIN_INSYNC_REPLICAS";

    private static final String NGINX = "nginx.ingress.kubernetes.io/";
    private static final String ROSTER_LIMIT = "lianxin.member.roster.max-upload-size";
    /** The public path of the 报平安 links (tracking-service), outside /api/v1. */
    private static final String SELF_CHECK_IN = "/self-check-in";
    /** Endpoints the Ingress does not publish, with the reason (deploy/k8s/base/ingress.yaml says so too). */
    private static final Map<String, String> UNROUTED = Map.of("/api/v1/scans",
            "the same path in three services: operators call a service's own Service");
    private static final Pattern PATH_ANNOTATION = Pattern.compile("@Path\\(\"([^\"]*)\"\\)");
    private static final Pattern HTTP_METHOD = Pattern.compile("@(GET|POST|PUT|PATCH|DELETE|HEAD)\\b");
    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "(?m)^(public\\s+)?((final|abstract)\\s+)*(class|interface|record)\\s+\\w+");

    private final YAMLMapper yaml = new YAMLMapper();

    private Path root;
    private Path k8sDir;
    private Path baseDir;
    private JsonNode compose;
    /** Every YAML file under deploy/k8s, each with its documents. */
    private final Map<Path, List<JsonNode>> k8sFiles = new TreeMap<>();
    /** The documents of the files the base kustomization lists. */
    private final List<JsonNode> baseDocuments = new ArrayList<>();
    private final Map<String, ServiceConfig> services = new LinkedHashMap<>();

    /** {@code managementPort}: quarkus.management.port (Quarkus's default 9000), where health and metrics answer. */
    record ServiceConfig(String name, String httpPort, String managementPort, Set<String> requiredVariables) {
    }

    record PortMapping(String published, String target) {
    }

    record KeyRef(String kind, String object, String key) {
    }

    @BeforeAll
    void load() throws IOException {
        root = repositoryRoot();
        compose = yaml.readTree(root.resolve("docker-compose.yml").toFile());
        k8sDir = root.resolve("deploy/k8s");
        baseDir = k8sDir.resolve("base");
        assertThat(k8sDir).as("deploy/k8s is missing").isDirectory();
        try (Stream<Path> files = Files.walk(k8sDir)) {
            for (Path file : files.filter(DeploymentDescriptorsTest::isYaml).sorted().toList()) {
                k8sFiles.put(file, documents(file));
            }
        }
        for (String resource : strings(baseKustomization().path("resources"))) {
            Path file = baseDir.resolve(resource).normalize();
            if (k8sFiles.containsKey(file)) {
                baseDocuments.addAll(k8sFiles.get(file));
            }
        }

        Properties platform = properties(
                root.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"));
        for (String service : SERVICES) {
            Properties own = properties(root.resolve(service).resolve("src/main/resources/application.properties"));
            String port = own.getProperty("quarkus.http.port");
            assertThat(port).as("%s: quarkus.http.port is not set in its application.properties", service)
                    .isNotBlank();
            String management = own.getProperty("quarkus.management.port",
                    platform.getProperty("quarkus.management.port", DEFAULT_MANAGEMENT_PORT)).trim();
            services.put(service, new ServiceConfig(service, port.trim(), management,
                    requiredVariables(List.of(platform, own))));
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // The environment contract

    @Test
    void requiredVariablesAreDerivedFromTheConfiguration() {
        SoftAssertions softly = new SoftAssertions();
        services.values().forEach(service -> softly.assertThat(service.requiredVariables())
                .as("%s: no REQUIRED environment variable (${NAME} without default) found in platform's "
                        + "microprofile-config.properties and its application.properties: is the scan broken?",
                        service.name())
                .isNotEmpty());
        softly.assertAll();
    }

    // ----------------------------------------------------------------------------------------------------------
    // docker-compose.yml

    @Test
    void composeDescribesEveryService() {
        SoftAssertions softly = new SoftAssertions();
        // The database server: a postgres image running its own entrypoint (the roles one-shot runs psql from it).
        List<String> postgres = composeServicesWhere(s -> s.path("image").asText().startsWith("postgres")
                && composeCommand(s).isBlank());
        List<String> topicCreators = composeServicesWhere(s -> composeCommand(s).contains("kafka-topics.sh"));
        List<String> roleCreators = composeServicesWhere(s -> composeCommand(s).contains("create-roles.sh"));
        softly.assertThat(postgres).as("compose: no PostgreSQL service (image postgres:*)").isNotEmpty();
        softly.assertThat(topicCreators).as("compose: no one-shot service creating the topics (kafka-topics.sh)")
                .isNotEmpty();
        softly.assertThat(roleCreators).as("compose: no one-shot service creating the database roles (create-roles.sh)")
                .isNotEmpty();

        for (ServiceConfig service : services.values()) {
            String name = service.name();
            JsonNode s = compose.path("services").path(name);
            if (!s.isObject()) {
                softly.fail("%s: missing from docker-compose.yml services", name);
                continue;
            }

            JsonNode build = s.path("build");
            String context = build.isTextual() ? build.asText() : build.path("context").asText(null);
            String dockerfile = build.path("dockerfile").asText("Dockerfile");
            softly.assertThat(context).as("%s: compose build context", name).isNotNull();
            if (context != null) {
                Path contextDir = root.resolve(context).normalize();
                softly.assertThat(contextDir).as("%s: compose build context must be its module", name)
                        .isEqualTo(root.resolve(name));
                softly.assertThat(contextDir.resolve(dockerfile))
                        .as("%s: compose build dockerfile %s does not exist", name, dockerfile).isRegularFile();
                softly.assertThat(readQuietly(contextDir.resolve(dockerfile)))
                        .as("%s: the image's JVM must exit on OutOfMemoryError (to be restarted, not linger half-dead)", name)
                        .containsPattern("ENV JAVA_OPTS_APPEND=\"[^\"]*-XX:\\+ExitOnOutOfMemoryError");
            }

            List<PortMapping> ports = composePorts(s);
            softly.assertThat(ports)
                    .as("%s: compose must publish quarkus.http.port %s as %s:%s, has %s",
                            name, service.httpPort(), service.httpPort(), service.httpPort(), ports)
                    .contains(new PortMapping(service.httpPort(), service.httpPort()));

            String healthcheck = text(s.path("healthcheck").path("test"));
            softly.assertThat(healthcheck).as("%s: compose healthcheck must ask %s", name, READY).contains(READY);
            softly.assertThat(healthcheck).as("%s: compose healthcheck must use the management port %s", name,
                    service.managementPort()).contains("localhost:" + service.managementPort() + "/");

            JsonNode dependsOn = s.path("depends_on");
            softly.assertThat(dependsOn.isObject())
                    .as("%s: compose depends_on must be the long form with conditions", name).isTrue();
            dependsOn.properties().forEach(e -> softly.assertThat(e.getValue().path("condition").asText(""))
                    .as("%s: compose depends_on %s has no condition", name, e.getKey()).isNotBlank());
            postgres.forEach(db -> softly.assertThat(dependsOn.path(db).path("condition").asText(""))
                    .as("%s: compose must wait for %s to be healthy", name, db).isEqualTo("service_healthy"));
            topicCreators.forEach(init -> softly.assertThat(dependsOn.path(init).path("condition").asText(""))
                    .as("%s: compose must wait for %s (topics) to complete", name, init)
                    .isEqualTo("service_completed_successfully"));
            roleCreators.forEach(init -> softly.assertThat(dependsOn.path(init).path("condition").asText(""))
                    .as("%s: compose must wait for %s (database roles) to complete", name, init)
                    .isEqualTo("service_completed_successfully"));
        }
        softly.assertAll();
    }

    @Test
    void composeProvidesEveryRequiredVariable() {
        SoftAssertions softly = new SoftAssertions();
        for (ServiceConfig service : services.values()) {
            JsonNode s = compose.path("services").path(service.name());
            if (!s.isObject()) {
                softly.fail("%s: missing from docker-compose.yml services", service.name());
                continue;
            }
            Map<String, String> environment = composeEnvironment(s);
            for (String variable : service.requiredVariables()) {
                softly.assertThat(environment.get(variable))
                        .as("%s: REQUIRED environment variable %s has no value in docker-compose.yml",
                                service.name(), variable)
                        .isNotBlank();
            }
            String keyLocation = environment.get(JWT_KEY_LOCATION);
            if (keyLocation != null && keyLocation.startsWith("/")) {
                List<String> mounts = composeVolumeTargets(s);
                softly.assertThat(mounts.stream().anyMatch(m -> keyLocation.startsWith(m.endsWith("/") ? m : m + "/")))
                        .as("%s: %s=%s is not under any mounted volume %s", service.name(), JWT_KEY_LOCATION,
                                keyLocation, mounts)
                        .isTrue();
            }
        }
        softly.assertAll();
    }

    @Test
    void composeBrokerNeverAutoCreatesTopics() {
        List<String> brokers = composeServicesWhere(s -> s.path("image").asText().startsWith("apache/kafka")
                && composeEnvironment(s).containsKey("KAFKA_PROCESS_ROLES"));
        assertThat(brokers).as("compose: no Kafka broker (apache/kafka with KAFKA_PROCESS_ROLES)").isNotEmpty();
        SoftAssertions softly = new SoftAssertions();
        for (String broker : brokers) {
            Map<String, String> environment = composeEnvironment(compose.path("services").path(broker));
            softly.assertThat(environment.get("KAFKA_PROCESS_ROLES"))
                    .as("compose %s: a combined KRaft node (broker,controller)", broker)
                    .contains("broker").contains("controller");
            softly.assertThat(environment.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"))
                    .as("compose %s: KAFKA_AUTO_CREATE_TOPICS_ENABLE must be false", broker).isEqualTo("false");
        }
        softly.assertAll();
    }

    @Test
    void composeCreatesExactlyTheTopics() {
        List<String> creators = composeServicesWhere(s -> composeCommand(s).contains("kafka-topics.sh"));
        assertThat(creators).as("compose: no service creating the topics with kafka-topics.sh").isNotEmpty();
        List<String> created = new ArrayList<>();
        for (String creator : creators) {
            created.addAll(topicsCreatedBy("compose " + creator, composeCommand(compose.path("services").path(creator))));
        }
        assertThat(created).as("compose: topics created (topic:partitions)")
                .containsExactlyInAnyOrderElementsOf(expectedTopics());
    }

    // ----------------------------------------------------------------------------------------------------------
    // deploy/k8s

    @Test
    void baseKustomizationListsEveryResource() throws IOException {
        JsonNode kustomization = baseKustomization();
        Set<String> listed = new TreeSet<>(strings(kustomization.path("resources")));
        Set<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.list(baseDir)) {
            files.filter(DeploymentDescriptorsTest::isYaml)
                    .map(f -> f.getFileName().toString())
                    .filter(f -> !isKustomization(f) && !isExample(f))
                    .forEach(present::add);
        }
        SoftAssertions softly = new SoftAssertions();
        Set<String> unlisted = new TreeSet<>(present);
        unlisted.removeAll(listed);
        softly.assertThat(unlisted).as("deploy/k8s/base/kustomization.yaml resources must list every file of base/ "
                + "(except kustomization and *.example.* files); not listed").isEmpty();
        listed.forEach(resource -> softly.assertThat(baseDir.resolve(resource))
                .as("deploy/k8s/base/kustomization.yaml lists %s, which does not exist", resource).exists());
        listed.forEach(resource -> softly.assertThat(isExample(resource))
                .as("deploy/k8s/base/kustomization.yaml must not apply the example %s", resource).isFalse());
        softly.assertAll();
    }

    @Test
    void overlaysReferToExistingFilesAndSetEveryImage() {
        Set<String> baseImages = new TreeSet<>();
        for (String service : SERVICES) {
            deployment(service).flatMap(d -> container(d, service))
                    .map(c -> imageName(c.path("image").asText()))
                    .ifPresent(baseImages::add);
        }
        List<Path> overlays = kustomizations().stream()
                .filter(k -> k.startsWith(k8sDir.resolve("overlays")))
                .toList();
        assertThat(overlays).as("deploy/k8s/overlays: no overlay kustomization").isNotEmpty();
        Path overlaysDir = k8sDir.resolve("overlays");
        SoftAssertions softly = new SoftAssertions();
        for (Path file : kustomizations()) {
            if (file.getParent().equals(baseDir)) {
                continue;
            }
            String where = k8sDir.relativize(file.getParent()).toString();
            JsonNode kustomization = k8sFiles.get(file).get(0);
            for (String field : List.of("resources", "components")) {
                for (String resource : strings(kustomization.path(field))) {
                    softly.assertThat(file.getParent().resolve(resource))
                            .as("%s: %s entry %s does not exist", where, field, resource).exists();
                }
            }
            for (JsonNode patch : kustomization.path("patches")) {
                if (patch.has("path")) {
                    softly.assertThat(file.getParent().resolve(patch.path("path").asText()))
                            .as("%s: patch %s does not exist", where, patch.path("path").asText()).exists();
                }
            }
        }
        for (Path file : overlays) {
            String overlay = k8sDir.relativize(file.getParent()).toString();
            JsonNode kustomization = k8sFiles.get(file).get(0);
            // An overlay built on another overlay (resources: ../production) inherits that one's images.
            boolean onAnotherOverlay = strings(kustomization.path("resources")).stream()
                    .map(r -> file.getParent().resolve(r).normalize())
                    .anyMatch(r -> r.startsWith(overlaysDir) && !r.equals(file.getParent()));
            if (onAnotherOverlay) {
                continue;
            }
            Set<String> images = new TreeSet<>();
            kustomization.path("images").forEach(i -> images.add(i.path("name").asText()));
            softly.assertThat(images).as("%s: images must set the image of every service", overlay)
                    .containsAll(baseImages);
        }
        softly.assertAll();
    }

    @Test
    void kubernetesDescribesEveryService() {
        SoftAssertions softly = new SoftAssertions();
        for (ServiceConfig service : services.values()) {
            String name = service.name();
            Optional<JsonNode> deployment = deployment(name);
            if (deployment.isEmpty()) {
                softly.fail("%s: no Deployment in deploy/k8s/base", name);
                continue;
            }
            JsonNode pod = deployment.get().path("spec").path("template").path("spec");
            Optional<JsonNode> found = container(deployment.get(), name);
            if (found.isEmpty()) {
                softly.fail("%s: Deployment has no container", name);
                continue;
            }
            JsonNode container = found.get();

            List<String> containerPorts = new ArrayList<>();
            container.path("ports").forEach(p -> containerPorts.add(p.path("containerPort").asText()));
            softly.assertThat(containerPorts).as("%s: Deployment containerPort must be quarkus.http.port %s",
                    name, service.httpPort()).contains(service.httpPort());

            probe(softly, name, container, "readinessProbe", service.managementPort(), Set.of(READY));
            probe(softly, name, container, "livenessProbe", service.managementPort(), Set.of(LIVE));
            probe(softly, name, container, "startupProbe", service.managementPort(), Set.of(LIVE, STARTED, READY));

            JsonNode resources = container.path("resources");
            for (String field : List.of("requests/cpu", "requests/memory", "limits/memory")) {
                softly.assertThat(resources.at("/" + field).asText(""))
                        .as("%s: Deployment container resources.%s is missing", name, field.replace('/', '.'))
                        .isNotBlank();
            }
            softly.assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean(false)
                            || container.path("securityContext").path("runAsNonRoot").asBoolean(false))
                    .as("%s: Deployment must set securityContext.runAsNonRoot: true", name).isTrue();

            Optional<JsonNode> k8sService = baseObject("Service", name);
            if (k8sService.isEmpty()) {
                softly.fail("%s: no Service in deploy/k8s/base", name);
            } else {
                JsonNode spec = k8sService.get().path("spec");
                List<String> targets = new ArrayList<>();
                spec.path("ports").forEach(p -> {
                    if (p.path("port").asInt() == 80) {
                        targets.add(resolvePort(container, p.path("targetPort")));
                    }
                });
                softly.assertThat(targets).as("%s: Service must map port 80 to containerPort %s",
                        name, service.httpPort()).contains(service.httpPort());
                JsonNode labels = deployment.get().path("spec").path("template").path("metadata").path("labels");
                spec.path("selector").properties().forEach(e -> softly.assertThat(labels.path(e.getKey()).asText())
                        .as("%s: Service selector %s does not match the pod labels", name, e.getKey())
                        .isEqualTo(e.getValue().asText()));
            }

            Optional<JsonNode> hpa = baseDocuments.stream()
                    .filter(d -> "HorizontalPodAutoscaler".equals(d.path("kind").asText()))
                    .filter(d -> name.equals(d.path("spec").path("scaleTargetRef").path("name").asText()))
                    .findFirst();
            if (hpa.isEmpty()) {
                softly.fail("%s: no HorizontalPodAutoscaler targeting its Deployment in deploy/k8s/base", name);
            } else {
                JsonNode spec = hpa.get().path("spec");
                softly.assertThat(spec.path("minReplicas").asInt(1)).as("%s: HPA minReplicas (availability)", name)
                        .isGreaterThanOrEqualTo(2);
                // Consumers scale to the partition count: more replicas would sit idle as consumers while holding
                // database connections (the connection budget, KubernetesHardeningTest).
                softly.assertThat(spec.path("maxReplicas").asInt())
                        .as("%s: HPA maxReplicas between minReplicas and the partition count %s", name, PARTITIONS)
                        .isBetween(spec.path("minReplicas").asInt(1), PARTITIONS);
                boolean cpu = StreamSupport.stream(spec.path("metrics").spliterator(), false)
                        .anyMatch(m -> "cpu".equals(m.path("resource").path("name").asText())
                                && m.path("resource").path("target").path("averageUtilization").isInt());
                softly.assertThat(cpu).as("%s: HPA must scale on CPU utilization", name).isTrue();
            }
        }
        softly.assertAll();
    }

    @Test
    void kubernetesProvidesEveryRequiredVariable() {
        SoftAssertions softly = new SoftAssertions();
        for (ServiceConfig service : services.values()) {
            String name = service.name();
            Optional<JsonNode> container = deployment(name).flatMap(d -> container(d, name));
            if (container.isEmpty()) {
                softly.fail("%s: no Deployment container in deploy/k8s/base", name);
                continue;
            }
            Map<String, JsonNode> env = new LinkedHashMap<>();
            container.get().path("env").forEach(e -> env.put(e.path("name").asText(), e));
            for (String variable : service.requiredVariables()) {
                JsonNode entry = env.get(variable);
                boolean provided = entry != null
                        && (!entry.path("value").asText("").isBlank() || entry.path("valueFrom").isObject());
                softly.assertThat(provided)
                        .as("%s: REQUIRED environment variable %s is not an env entry (value or valueFrom) of its "
                                + "Deployment", name, variable)
                        .isTrue();
            }
            for (JsonNode entry : env.values()) {
                JsonNode valueFrom = entry.path("valueFrom");
                for (String kind : List.of("configMapKeyRef", "secretKeyRef")) {
                    JsonNode ref = valueFrom.path(kind);
                    if (ref.isObject()) {
                        checkKey(softly, name + " env " + entry.path("name").asText(),
                                new KeyRef(kind, ref.path("name").asText(), ref.path("key").asText()));
                    }
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void kubernetesCreatesExactlyTheTopics() {
        // Each way of creating them (the Job of the base, the KafkaTopics of components/strimzi-topics) creates all of
        // them: one of the two is applied, never both (the component deletes the Job).
        Map<String, List<String>> createdBySource = new TreeMap<>();
        Map<String, Map<String, String>> strimziSettings = new TreeMap<>();
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<Path, List<JsonNode>> file : k8sFiles.entrySet()) {
            for (JsonNode document : file.getValue()) {
                String kind = document.path("kind").asText();
                String where = k8sDir.relativize(file.getKey()) + " " + kind + " "
                        + document.path("metadata").path("name").asText();
                if ("KafkaTopic".equals(kind)) {
                    JsonNode spec = document.path("spec");
                    String topic = spec.path("topicName").asText(document.path("metadata").path("name").asText());
                    createdBySource.computeIfAbsent(k8sDir.relativize(file.getKey()) + " (KafkaTopic)",
                            k -> new ArrayList<>()).add(topic + ":" + spec.path("partitions").asText("?"));
                    softly.assertThat(spec.path("replicas").asInt()).as("%s: replicas", where)
                            .isEqualTo(LianxinTopics.PRODUCTION_REPLICAS);
                    Map<String, String> configs = new TreeMap<>();
                    spec.path("config").properties().forEach(e -> configs.put(e.getKey(), e.getValue().asText()));
                    strimziSettings.put(topic, configs);
                } else if ("Job".equals(kind)) {
                    for (JsonNode container : document.path("spec").path("template").path("spec").path("containers")) {
                        String script = text(container.path("command")) + "\n" + text(container.path("args"));
                        if (script.contains("kafka-topics.sh")) {
                            createdBySource.computeIfAbsent(k8sDir.relativize(file.getKey()) + " (Job)",
                                    k -> new ArrayList<>()).addAll(topicsCreatedBy(where, script));
                            container.path("env").forEach(e -> {
                                JsonNode ref = e.path("valueFrom").path("configMapKeyRef");
                                if (ref.isObject()) {
                                    checkKey(softly, where + " env " + e.path("name").asText(),
                                            new KeyRef("configMapKeyRef", ref.path("name").asText(),
                                                    ref.path("key").asText()));
                                }
                            });
                        }
                    }
                }
            }
        }
        softly.assertThat(createdBySource.keySet().stream().anyMatch(s -> s.endsWith("(Job)")))
                .as("deploy/k8s: no Job running kafka-topics.sh").isTrue();
        createdBySource.forEach((source, created) -> softly.assertThat(created)
                .as("deploy/k8s: topics created by %s (topic:partitions)", source)
                .containsExactlyInAnyOrderElementsOf(expectedTopics()));
        if (!strimziSettings.isEmpty()) {
            softly.assertThat(strimziSettings).as("deploy/k8s: KafkaTopic config of each topic (production settings)")
                    .isEqualTo(expectedSettings(String.valueOf(LianxinTopics.PRODUCTION_MIN_INSYNC_REPLICAS)));
        }
        softly.assertAll();
    }

    @Test
    void composeCreatesEveryTopicWithExplicitRetentionCleanupAndMinInsyncReplicas() {
        Map<String, Map<String, String>> settings = new TreeMap<>();
        for (String creator : composeServicesWhere(s -> composeCommand(s).contains("kafka-topics.sh"))) {
            settings.putAll(topicSettings(composeCommand(compose.path("services").path(creator))));
        }
        // One broker: a write can need only the one replica there is.
        assertThat(settings).as("compose: --config of each topic").isEqualTo(expectedSettings(
                String.valueOf(LianxinTopics.LOCAL_MIN_INSYNC_REPLICAS)));
    }

    @Test
    void kubernetesCreatesEveryTopicWithExplicitRetentionCleanupAndMinInsyncReplicas() {
        Map<String, Map<String, String>> settings = new TreeMap<>();
        for (JsonNode document : baseDocuments) {
            if ("Job".equals(document.path("kind").asText())) {
                for (JsonNode container : document.path("spec").path("template").path("spec").path("containers")) {
                    String script = text(container.path("command")) + "\n" + text(container.path("args"));
                    if (script.contains("kafka-topics.sh")) {
                        settings.putAll(topicSettings(script));
                    }
                }
            }
        }
        assertThat(settings).as("deploy/k8s: --config of each topic").isEqualTo(expectedSettings(MIN_INSYNC_VARIABLE));

        // Per overlay: production writes need 2 of 3 replicas; a single broker needs its one; never as many as there are.
        SoftAssertions softly = new SoftAssertions();
        Map<String, String> base = configMapData(baseDir.resolve("config.yaml"));
        for (String overlay : List.of("production", "local")) {
            Map<String, String> data = new TreeMap<>(base);
            data.putAll(configMapData(k8sDir.resolve("overlays").resolve(overlay).resolve("config-patch.yaml")));
            int replicas = Integer.parseInt(data.getOrDefault("KAFKA_TOPIC_REPLICATION_FACTOR", "0"));
            int minInsync = Integer.parseInt(data.getOrDefault("KAFKA_TOPIC_MIN_INSYNC_REPLICAS", "0"));
            if (overlay.equals("production")) {
                softly.assertThat(replicas).as("production: replication factor").isEqualTo(LianxinTopics.PRODUCTION_REPLICAS);
                softly.assertThat(minInsync).as("production: min.insync.replicas")
                        .isEqualTo(LianxinTopics.PRODUCTION_MIN_INSYNC_REPLICAS);
            } else {
                softly.assertThat(minInsync).as("%s: min.insync.replicas", overlay).isBetween(1, replicas);
            }
            if (replicas > 1) {
                softly.assertThat(minInsync).as("%s: min.insync.replicas below the replication factor, so that one "
                        + "broker down does not stop every write", overlay).isLessThan(replicas);
            }
        }
        softly.assertAll();
    }

    // ----------------------------------------------------------------------------------------------------------
    // The Ingress (deploy/k8s/base/ingress.yaml)

    @Test
    void kubernetesIngressEndsTlsAndLetsARosterThrough() {
        List<JsonNode> ingresses = baseKind("Ingress");
        assertThat(ingresses).as("deploy/k8s/base: no Ingress").isNotEmpty();
        Properties member = properties(root.resolve("member-service/src/main/resources/application.properties"));
        long roster = bytes(member.getProperty(ROSTER_LIMIT, "0"));
        long http = bytes(member.getProperty("quarkus.http.limits.max-body-size", "0"));
        assertThat(roster).as("member-service: %s is not set", ROSTER_LIMIT).isPositive();
        SoftAssertions softly = new SoftAssertions();
        for (JsonNode ingress : ingresses) {
            String name = "Ingress " + ingress.path("metadata").path("name").asText();
            JsonNode spec = ingress.path("spec");
            Set<String> tlsHosts = new TreeSet<>();
            softly.assertThat(spec.path("tls").size()).as("%s: no tls", name).isPositive();
            for (JsonNode tls : spec.path("tls")) {
                softly.assertThat(tls.path("secretName").asText("")).as("%s: tls without secretName", name).isNotBlank();
                tlsHosts.addAll(strings(tls.path("hosts")));
            }
            for (JsonNode rule : spec.path("rules")) {
                softly.assertThat(tlsHosts).as("%s: host %s is not served over TLS", name, rule.path("host").asText())
                        .contains(rule.path("host").asText());
            }
            JsonNode annotations = ingress.path("metadata").path("annotations");
            softly.assertThat(annotations.path(NGINX + "force-ssl-redirect").asText(""))
                    .as("%s: plain http must be redirected to https", name).isEqualTo("true");
            if (routesOnly(ingress, SELF_CHECK_IN)) {
                continue; // the links' own Ingress: kubernetesSelfCheckInLinksAreNeverInTheAccessLog
            }
            String body = annotations.path(NGINX + "proxy-body-size").asText("");
            if (body.isBlank()) {
                softly.fail("%s: no %sproxy-body-size (nginx's default, 1m, refuses every real roster)", name, NGINX);
            } else {
                softly.assertThat(bytes(body)).as("%s: proxy-body-size %s must let a roster of %s (%s) through", name,
                        body, ROSTER_LIMIT, member.getProperty(ROSTER_LIMIT)).isGreaterThanOrEqualTo(roster);
                softly.assertThat(bytes(body)).as("%s: proxy-body-size %s above member-service's HTTP limit: a bigger "
                        + "upload would get vert.x's bare 413 instead of the roster's problem+json", name, body)
                        .isLessThanOrEqualTo(http);
            }
            for (String timeout : List.of("proxy-read-timeout", "proxy-send-timeout")) {
                String seconds = annotations.path(NGINX + timeout).asText("");
                softly.assertThat(seconds).as("%s: %s%s (seconds) must be set above nginx's default 60 for roster "
                        + "imports and reports", name, NGINX, timeout).matches("\\d+");
                if (seconds.matches("\\d+")) {
                    softly.assertThat(Integer.parseInt(seconds)).as("%s: %s", name, timeout).isGreaterThan(60);
                }
            }
        }
        softly.assertAll();
    }

    /**
     * A 报平安 link's token lets its holder check in for the member until it expires (docs/domain.md §7): the public
     * path that carries it is published by an Ingress of its own that routes nothing else, to tracking-service, with
     * nginx's access log off and a rate limit per client.
     */
    @Test
    void kubernetesSelfCheckInLinksAreNeverInTheAccessLog() {
        List<JsonNode> links = baseKind("Ingress").stream().filter(ingress -> routesOnly(ingress, SELF_CHECK_IN)).toList();
        assertThat(links).as("an Ingress that routes only %s", SELF_CHECK_IN).hasSize(1);
        JsonNode annotations = links.get(0).path("metadata").path("annotations");
        assertThat(annotations.path(NGINX + "enable-access-log").asText("")).as("access log of the links' Ingress")
                .isEqualTo("false");
        assertThat(annotations.path(NGINX + "limit-rps").asText("")).as("rate limit of the links' Ingress").matches("[1-9]\\d*");
        for (JsonNode rule : links.get(0).path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                assertThat(path.path("backend").path("service").path("name").asText()).isEqualTo("tracking-service");
            }
        }
        for (JsonNode ingress : baseKind("Ingress")) {
            if (!routesOnly(ingress, SELF_CHECK_IN)) {
                for (JsonNode rule : ingress.path("spec").path("rules")) {
                    for (JsonNode path : rule.path("http").path("paths")) {
                        assertThat(path.path("path").asText()).as("Ingress %s publishes the links' path with its access log on",
                                ingress.path("metadata").path("name").asText()).doesNotStartWith(SELF_CHECK_IN);
                    }
                }
            }
        }
    }

    private static boolean routesOnly(JsonNode ingress, String prefix) {
        List<String> paths = new ArrayList<>();
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                paths.add(path.path("path").asText());
            }
        }
        return !paths.isEmpty() && paths.stream().allMatch(path -> path.startsWith(prefix));
    }

    /**
     * Every endpoint of every service (its JAX-RS {@code @Path}s under src/main/java), with {id}s filled in, goes
     * through the Ingress's rules as ingress-nginx matches them (use-regex: anchored, case-insensitive, longest path
     * first) to that service's Service on its port 80, except {@link #UNROUTED}.
     */
    @Test
    void kubernetesIngressRoutesEveryEndpointToItsService() throws IOException {
        List<Route> routes = new ArrayList<>();
        SoftAssertions softly = new SoftAssertions();
        for (JsonNode ingress : baseKind("Ingress")) {
            String name = "Ingress " + ingress.path("metadata").path("name").asText();
            boolean regex = "true".equals(ingress.path("metadata").path("annotations").path(NGINX + "use-regex").asText());
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    String value = path.path("path").asText();
                    String type = path.path("pathType").asText();
                    JsonNode backend = path.path("backend").path("service");
                    String service = backend.path("name").asText();
                    softly.assertThat(regex || value.matches("[A-Za-z0-9/._~-]*"))
                            .as("%s: path %s is a regular expression without %suse-regex: \"true\"", name, value, NGINX)
                            .isTrue();
                    softly.assertThat(type.equals("ImplementationSpecific") || value.matches("[A-Za-z0-9/._~-]*"))
                            .as("%s: regular expression %s needs pathType ImplementationSpecific", name, value).isTrue();
                    Optional<JsonNode> target = baseObject("Service", service);
                    if (target.isEmpty()) {
                        softly.fail("%s: path %s goes to Service %s, which is not in deploy/k8s/base", name, value, service);
                    } else {
                        JsonNode port = backend.path("port");
                        boolean served = StreamSupport.stream(target.get().path("spec").path("ports").spliterator(), false)
                                .anyMatch(p -> p.path("port").asInt() == 80 && (port.path("name").asText()
                                        .equals(p.path("name").asText()) || port.path("number").asInt() == 80));
                        softly.assertThat(served).as("%s: path %s must reach port 80 of Service %s", name, value, service)
                                .isTrue();
                    }
                    routes.add(new Route(value, type, regex, service));
                }
            }
        }
        assertThat(routes).as("deploy/k8s/base: no Ingress path").isNotEmpty();
        // ingress-nginx writes the locations longest first; with regular expressions the first match wins.
        routes.sort((a, b) -> Integer.compare(b.path().length(), a.path().length()));
        for (String service : SERVICES) {
            Set<String> endpoints = endpoints(root.resolve(service).resolve("src/main/java"));
            softly.assertThat(endpoints).as("%s: no JAX-RS endpoint under /api found: is the scan broken?", service)
                    .isNotEmpty();
            for (String endpoint : endpoints) {
                if (UNROUTED.keySet().stream().anyMatch(endpoint::startsWith)) {
                    continue;
                }
                String request = endpoint.replaceAll("\\{[^}]+}", "3f0e6b1c-8a55-4c3e-9d2a-5b7c1e0f4a21");
                String routed = routes.stream().filter(r -> r.matches(request)).findFirst().map(Route::service)
                        .orElse("no route");
                softly.assertThat(routed).as("Ingress: %s (%s) must go to %s", endpoint, request, service)
                        .isEqualTo(service);
            }
        }
        softly.assertAll();
    }

    /** One path of an Ingress rule and how ingress-nginx matches it. */
    record Route(String path, String pathType, boolean regex, String service) {

        boolean matches(String request) {
            if (regex) {
                return Pattern.compile("^" + path, Pattern.CASE_INSENSITIVE).matcher(request).lookingAt();
            }
            if (pathType.equals("Exact")) {
                return request.equals(path);
            }
            String prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return request.equals(prefix) || request.startsWith(prefix + "/");
        }
    }

    /** The endpoint paths of the JAX-RS resources under a source tree: each class's @Path joined with its methods'. */
    private static Set<String> endpoints(Path sources) throws IOException {
        Set<String> endpoints = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).toList();
        }
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher declaration = TYPE_DECLARATION.matcher(text);
            if (!declaration.find() || text.contains("@RegisterRestClient")) {
                continue; // no type, or a REST client of another system (its @Path is theirs)
            }
            String classPath = null;
            Matcher path = PATH_ANNOTATION.matcher(text.substring(0, declaration.start()));
            while (path.find()) {
                classPath = path.group(1);
            }
            if (classPath == null || !classPath.startsWith("/api/")) {
                continue;
            }
            Matcher method = HTTP_METHOD.matcher(text);
            while (method.find()) {
                if (method.start() < declaration.end()) {
                    continue;
                }
                // The method's annotations: from the end of what precedes it to its signature.
                int start = Math.max(declaration.end(), Math.max(text.lastIndexOf("}\n", method.start()),
                        text.lastIndexOf(";\n", method.start())));
                int end = text.indexOf("public ", method.end());
                Matcher own = PATH_ANNOTATION.matcher(text.substring(start, end < 0 ? text.length() : end));
                String sub = own.find() ? own.group(1) : "";
                String full = (classPath + (sub.isEmpty() || sub.startsWith("/") ? "" : "/") + sub)
                        .replaceAll("/+", "/");
                endpoints.add(full.length() > 1 && full.endsWith("/") ? full.substring(0, full.length() - 1) : full);
            }
        }
        return endpoints;
    }

    /** A size as Quarkus and nginx write it: bytes, or with k, m or g (1024-based, either case). */
    static long bytes(String size) {
        Matcher m = Pattern.compile("(\\d+)\\s*([kKmMgG]?)[bB]?").matcher(size.trim());
        assertThat(m.matches()).as("not a size: %s", size).isTrue();
        long value = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase()) {
            case "k" -> value << 10;
            case "m" -> value << 20;
            case "g" -> value << 30;
            default -> value;
        };
    }

    private List<JsonNode> baseKind(String kind) {
        return baseDocuments.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    // ----------------------------------------------------------------------------------------------------------
    // Configuration

    static Set<String> requiredVariables(List<Properties> sources) {
        Set<String> defined = new HashSet<>();
        for (Properties source : sources) {
            source.stringPropertyNames().stream()
                    .filter(DeploymentDescriptorsTest::activeInProduction)
                    .map(key -> key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key)
                    .forEach(defined::add);
        }
        Set<String> required = new TreeSet<>();
        for (Properties source : sources) {
            for (String key : source.stringPropertyNames()) {
                if (!activeInProduction(key)) {
                    continue;
                }
                Matcher matcher = REFERENCE_WITHOUT_DEFAULT.matcher(source.getProperty(key));
                while (matcher.find()) {
                    String name = matcher.group(1).trim();
                    if (!defined.contains(name)) {
                        required.add(name);
                    }
                }
            }
        }
        return required;
    }

    /** A key without profile, or with a profile list (%prod,dev.key) that includes prod. */
    private static boolean activeInProduction(String key) {
        if (!key.startsWith("%")) {
            return true;
        }
        int dot = key.indexOf('.');
        return dot > 1 && Arrays.asList(key.substring(1, dot).split(",")).contains("prod");
    }

    private static Properties properties(Path file) {
        assertThat(file).as("%s is missing", file).isRegularFile();
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Topics

    private static List<String> expectedTopics() {
        List<String> expected = new ArrayList<>();
        for (String topic : EVENT_TOPICS) {
            expected.add(topic + ":" + PARTITIONS);
            expected.add(topic + ".dlq:" + PARTITIONS);
        }
        return expected;
    }

    /** Topic → its settings, as LianxinTopics creates them, with {@code minInsync} for min.insync.replicas. */
    private static Map<String, Map<String, String>> expectedSettings(String minInsync) {
        Map<String, Map<String, String>> expected = new TreeMap<>();
        for (String topic : EVENT_TOPICS) {
            for (String name : List.of(topic, topic + ".dlq")) {
                Map<String, String> configs = new TreeMap<>(LianxinTopics.configs(name, 1));
                configs.put("min.insync.replicas", minInsync);
                expected.put(name, configs);
            }
        }
        return expected;
    }

    /** The --config arguments of every script line naming a --topic. */
    private static Map<String, Map<String, String>> topicSettings(String script) {
        Map<String, Map<String, String>> settings = new TreeMap<>();
        for (String line : script.split("\\R")) {
            Matcher topic = TOPIC_ARGUMENT.matcher(line);
            if (!topic.find()) {
                continue;
            }
            Map<String, String> configs = new TreeMap<>();
            Matcher config = CONFIG_ARGUMENT.matcher(line);
            while (config.find()) {
                configs.put(config.group(1), config.group(2));
            }
            settings.put(topic.group(1), configs);
        }
        return settings;
    }

    private Map<String, String> configMapData(Path file) {
        Map<String, String> data = new TreeMap<>();
        for (JsonNode document : k8sFiles.getOrDefault(file, List.of())) {
            if ("ConfigMap".equals(document.path("kind").asText())
                    && "lianxin-config".equals(document.path("metadata").path("name").asText())) {
                document.path("data").properties().forEach(e -> data.put(e.getKey(), e.getValue().asText()));
            }
        }
        return data;
    }

    /** Every script line naming a --topic must also give its --partitions; returns "topic:partitions". */
    private static List<String> topicsCreatedBy(String where, String script) {
        List<String> created = new ArrayList<>();
        for (String line : script.split("\\R")) {
            Matcher topic = TOPIC_ARGUMENT.matcher(line);
            if (!topic.find()) {
                continue;
            }
            Matcher partitions = PARTITIONS_ARGUMENT.matcher(line);
            assertThat(partitions.find())
                    .as("%s: topic %s is created without explicit --partitions: %s", where, topic.group(1), line.trim())
                    .isTrue();
            created.add(topic.group(1) + ":" + partitions.group(1));
        }
        return created;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Compose helpers

    private List<String> composeServicesWhere(Predicate<JsonNode> predicate) {
        List<String> names = new ArrayList<>();
        compose.path("services").properties().forEach(e -> {
            if (predicate.test(e.getValue())) {
                names.add(e.getKey());
            }
        });
        return names;
    }

    private static String composeCommand(JsonNode service) {
        return text(service.path("entrypoint")) + "\n" + text(service.path("command"));
    }

    /** Map or list ("KEY=VALUE") form; a key without value (taken from the host, maybe unset) maps to null. */
    private static Map<String, String> composeEnvironment(JsonNode service) {
        Map<String, String> environment = new LinkedHashMap<>();
        JsonNode env = service.path("environment");
        if (env.isObject()) {
            env.properties().forEach(e -> environment.put(e.getKey(),
                    e.getValue().isNull() ? null : e.getValue().asText()));
        } else if (env.isArray()) {
            env.forEach(item -> {
                String entry = item.asText();
                int equals = entry.indexOf('=');
                environment.put(equals < 0 ? entry : entry.substring(0, equals),
                        equals < 0 ? null : entry.substring(equals + 1));
            });
        }
        return environment;
    }

    /** Short ("[ip:]published:target[/proto]") and long ({published, target}) syntax. */
    private static List<PortMapping> composePorts(JsonNode service) {
        List<PortMapping> ports = new ArrayList<>();
        for (JsonNode port : service.path("ports")) {
            if (port.isObject()) {
                ports.add(new PortMapping(port.path("published").asText(null), port.path("target").asText()));
            } else {
                String[] parts = port.asText().replaceAll("/(tcp|udp)$", "").split(":");
                ports.add(new PortMapping(parts.length > 1 ? parts[parts.length - 2] : null, parts[parts.length - 1]));
            }
        }
        return ports;
    }

    private static List<String> composeVolumeTargets(JsonNode service) {
        List<String> targets = new ArrayList<>();
        for (JsonNode volume : service.path("volumes")) {
            if (volume.isObject()) {
                targets.add(volume.path("target").asText());
            } else {
                String[] parts = volume.asText().split(":");
                targets.add(parts.length > 1 ? parts[1] : parts[0]);
            }
        }
        return targets;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Kubernetes helpers

    private JsonNode baseKustomization() {
        Path file = baseDir.resolve("kustomization.yaml");
        assertThat(file).as("deploy/k8s/base/kustomization.yaml is missing").isRegularFile();
        return k8sFiles.get(file).get(0);
    }

    private List<Path> kustomizations() {
        return k8sFiles.keySet().stream().filter(f -> isKustomization(f.getFileName().toString())).toList();
    }

    private Optional<JsonNode> baseObject(String kind, String name) {
        return baseDocuments.stream()
                .filter(d -> kind.equals(d.path("kind").asText()))
                .filter(d -> name.equals(d.path("metadata").path("name").asText()))
                .findFirst();
    }

    private Optional<JsonNode> deployment(String service) {
        return baseObject("Deployment", service);
    }

    /** The container named like the service, otherwise the first one. */
    private static Optional<JsonNode> container(JsonNode deployment, String service) {
        JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
        for (JsonNode container : containers) {
            if (service.equals(container.path("name").asText())) {
                return Optional.of(container);
            }
        }
        return containers.size() > 0 ? Optional.of(containers.get(0)) : Optional.empty();
    }

    /** A port number as text, or a named port resolved through the container's ports. */
    private static String resolvePort(JsonNode container, JsonNode port) {
        if (port.isInt() || port.asText().matches("\\d+")) {
            return port.asText();
        }
        for (JsonNode p : container.path("ports")) {
            if (port.asText().equals(p.path("name").asText())) {
                return p.path("containerPort").asText();
            }
        }
        return "unresolved port " + port.asText();
    }

    private static void probe(SoftAssertions softly, String service, JsonNode container, String probe, String port,
            Set<String> paths) {
        JsonNode httpGet = container.path(probe).path("httpGet");
        if (!httpGet.isObject()) {
            softly.fail("%s: Deployment has no %s with httpGet", service, probe);
            return;
        }
        softly.assertThat(httpGet.path("path").asText()).as("%s: %s path", service, probe).isIn(paths);
        softly.assertThat(resolvePort(container, httpGet.path("port")))
                .as("%s: %s port must be the management port (quarkus.management.port) %s", service, probe, port)
                .isEqualTo(port);
    }

    /**
     * A configMapKeyRef must name a key of that ConfigMap in the base (resource or generator); a secretKeyRef a
     * key present in the example secret and in every secretGenerator of that name (overlays).
     */
    private void checkKey(SoftAssertions softly, String where, KeyRef ref) {
        boolean secret = "secretKeyRef".equals(ref.kind());
        String kind = secret ? "Secret" : "ConfigMap";
        Map<String, Set<String>> sources = new LinkedHashMap<>();
        k8sFiles.forEach((file, documents) -> {
            String relative = k8sDir.relativize(file).toString();
            boolean inBase = file.getParent().equals(baseDir);
            for (JsonNode document : documents) {
                if (kind.equals(document.path("kind").asText())
                        && ref.object().equals(document.path("metadata").path("name").asText())
                        && inBase && (secret ? isExample(file.getFileName().toString())
                                : baseDocuments.contains(document))) {
                    Set<String> keys = new TreeSet<>();
                    document.path("data").fieldNames().forEachRemaining(keys::add);
                    document.path("stringData").fieldNames().forEachRemaining(keys::add);
                    sources.put(relative, keys);
                }
                if (isKustomization(file.getFileName().toString()) && (secret || inBase)) {
                    String generator = secret ? "secretGenerator" : "configMapGenerator";
                    for (JsonNode g : document.path(generator)) {
                        if (ref.object().equals(g.path("name").asText())) {
                            Set<String> keys = strings(g.path("literals")).stream()
                                    .map(l -> l.contains("=") ? l.substring(0, l.indexOf('=')) : l)
                                    .collect(Collectors.toCollection(TreeSet::new));
                            sources.put(relative + " " + generator, keys);
                        }
                    }
                }
            }
        });
        if (sources.isEmpty()) {
            softly.fail("%s: %s %s is defined nowhere in deploy/k8s (%s)", where, kind, ref.object(),
                    secret ? "example secret or secretGenerator" : "base ConfigMap or configMapGenerator");
            return;
        }
        sources.forEach((source, keys) -> softly.assertThat(keys)
                .as("%s: key %s of %s %s is missing in %s", where, ref.key(), kind, ref.object(), source)
                .contains(ref.key()));
    }

    // ----------------------------------------------------------------------------------------------------------
    // Files and YAML

    private static Path repositoryRoot() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
                return dir;
            }
        }
        return fail("no docker-compose.yml in %s or any parent directory", start);
    }

    private List<JsonNode> documents(Path file) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> iterator = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document != null && document.isObject()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
        return documents;
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static boolean isKustomization(String fileName) {
        return fileName.equals("kustomization.yaml") || fileName.equals("kustomization.yml");
    }

    private static boolean isExample(String fileName) {
        return fileName.contains(".example.");
    }

    private static String imageName(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(0, colon) : image;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String text(JsonNode node) {
        if (node.isArray()) {
            return StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText)
                    .collect(Collectors.joining("\n"));
        }
        return node.isMissingNode() || node.isNull() ? "" : node.asText();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

}
