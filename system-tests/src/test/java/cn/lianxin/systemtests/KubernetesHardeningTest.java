package cn.lianxin.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What an operator signs off in deploy/k8s (issue 15): every Deployment hardened (read-only root filesystem with a
 * /tmp emptyDir, no service account token, non-root, preStop and a grace period longer than preStop plus Quarkus's
 * shutdown timeout, probes on the management port), a PodDisruptionBudget per Deployment, NetworkPolicies that deny
 * by default and allow DNS, PostgreSQL and Kafka, database connections that fit PostgreSQL's max_connections at the
 * HPAs' ceiling, the optional operator components complete, and no credential anywhere but in Secrets.
 *
 * <p>Checked on the base as written (always) and on every overlay as a real Kustomize renders it, where one is
 * installed ({@code kubectl kustomize}; .ci/run also validates the rendered documents against the Kubernetes
 * schemas). DeploymentDescriptorsTest checks that descriptors and configuration agree (ports, variables, topics).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesHardeningTest {

    static final List<String> SERVICES =
            List.of("member-service", "tracking-service", "case-service", "notification-service");
    /** PostgreSQL's default max_connections, the budget unless a CloudNativePG Cluster of the overlay sets another. */
    static final int POSTGRES_DEFAULT_MAX_CONNECTIONS = 100;
    /** PostgreSQL's default superuser_reserved_connections: not available to the services. */
    static final int SUPERUSER_RESERVED = 3;
    /** What stays free for operators (psql), backups and exporters: a tenth of max_connections at least. */
    static final double HEADROOM = 0.10;
    /** Micrometer's names of the metrics the alerts are about (platform's and the Kafka client's). */
    static final List<String> ALERTED_METRICS = List.of("lianxin_outbox_oldest_pending_age_seconds",
            "lianxin_dlq_records_total", "lianxin_deliveries_total", "lianxin_scan_duration_seconds",
            "kafka_consumer_fetch_manager_records_lag_max");
    private static final Pattern CREDENTIAL_KEY = Pattern.compile(
            "(?i).*(password|passwd|secret|api-key|api_key|apikey|token|jaas\\.config|encryption-key|index-key"
                    + "|private-key|_KEY)$");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^${}:]+)(?::([^}]*))?}");
    private static final Pattern SLEEP = Pattern.compile("sleep\\s+(\\d+)");
    private static final Pattern HOST_PORT = Pattern.compile("^(?:[a-z]+:(?:postgresql:)?//)?[^:/]+:(\\d+)");

    private Path root;
    private Path k8s;
    private List<JsonNode> base;
    private Properties platform;
    private String managementPort;
    /** Overlay name → its rendered documents; empty when no Kustomize is installed. */
    private final Map<String, List<JsonNode>> rendered = new TreeMap<>();
    private Optional<List<String>> kustomize;

    @BeforeAll
    void load() throws IOException {
        root = Manifests.repositoryRoot();
        k8s = root.resolve("deploy/k8s");
        base = Manifests.listedResources(k8s.resolve("base"));
        platform = properties(root.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"));
        managementPort = platform.getProperty("quarkus.management.port", DeploymentDescriptorsTest.DEFAULT_MANAGEMENT_PORT)
                .trim();
        kustomize = Manifests.kustomize();
        if (kustomize.isPresent()) {
            for (Path overlay : overlays()) {
                rendered.put(overlay.getFileName().toString(), Manifests.render(kustomize.get(), overlay));
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // The base as written

    @Test
    void everyDeploymentAndJobIsHardened() {
        SoftAssertions softly = new SoftAssertions();
        assertThat(deployments(base)).as("deploy/k8s/base: Deployments").hasSize(SERVICES.size());
        hardening(softly, "base", base);
        softly.assertAll();
    }

    @Test
    void everyDeploymentHasAPodDisruptionBudget() {
        SoftAssertions softly = new SoftAssertions();
        disruptionBudgets(softly, "base", base);
        softly.assertAll();
    }

    @Test
    void networkPoliciesDenyByDefaultAndAllowOnlyWhatIsNeeded() {
        SoftAssertions softly = new SoftAssertions();
        networkPolicies(softly, "base", base);
        softly.assertAll();
    }

    /**
     * At the HPAs' ceiling, during a rolling update (maxSurge), every pod's pool full: the services' connections, one
     * Flyway connection per starting pod, the roles Job and PostgreSQL's reserved superuser connections leave a tenth
     * of max_connections free. docs/operations.md ("Connection budget") writes the same sum.
     */
    @Test
    void databaseConnectionsFitMaxConnections() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        int services = connectionBudget(softly, "base", base);
        String operations = Files.readString(root.resolve("docs/operations.md"));
        softly.assertThat(operations).as("docs/operations.md: section \"Connection budget\"").contains("Connection budget");
        softly.assertThat(operations).as("docs/operations.md: the connection budget's sum for the services (%s)", services)
                .contains("= " + services + " ");
        softly.assertAll();
    }

    /** Health and metrics moved to the management interface: the probes ask port 9000, which must be open. */
    @Test
    void probesAskTheManagementInterface() {
        SoftAssertions softly = new SoftAssertions();
        for (String service : SERVICES) {
            Properties own = properties(root.resolve(service).resolve("src/main/resources/application.properties"));
            String enabled = own.getProperty("quarkus.management.enabled",
                    platform.getProperty("quarkus.management.enabled", "false")).trim();
            softly.assertThat(enabled).as("%s: quarkus.management.enabled (platform or its application.properties) must "
                    + "be true: the probes, the compose healthchecks and the ServiceMonitor ask port %s", service,
                    managementPort).isEqualTo("true");
        }
        softly.assertAll();
    }

    // ----------------------------------------------------------------------------------------------------------
    // Optional components (operators' CRDs)

    @Test
    void monitoringComponentScrapesTheManagementPortAndAlertsOnTheServicesMetrics() {
        Path component = k8s.resolve("components/monitoring");
        List<JsonNode> documents = Manifests.listedResources(component);
        SoftAssertions softly = new SoftAssertions();
        List<JsonNode> monitors = ofKind(documents, "ServiceMonitor");
        softly.assertThat(monitors).as("components/monitoring: one ServiceMonitor").hasSize(1);
        for (JsonNode monitor : monitors) {
            softly.assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
            for (JsonNode service : ofKind(base, "Service")) {
                softly.assertThat(Manifests.selects(monitor.path("spec").path("selector"),
                                service.path("metadata").path("labels")))
                        .as("ServiceMonitor must select Service %s", service.path("metadata").path("name").asText())
                        .isTrue();
            }
            List<String> endpoints = new ArrayList<>();
            monitor.path("spec").path("endpoints").forEach(e -> endpoints.add(e.path("port").asText() + " "
                    + e.path("path").asText()));
            softly.assertThat(endpoints).as("ServiceMonitor endpoints").containsExactly("management /q/metrics");
        }
        String patches = patches(Manifests.documents(component.resolve("kustomization.yaml")).get(0));
        softly.assertThat(patches).as("components/monitoring must add the port management to the Services")
                .contains("name: management").contains("port: " + managementPort).contains("target kind Service");

        List<JsonNode> rules = ofKind(documents, "PrometheusRule");
        softly.assertThat(rules).as("components/monitoring: one PrometheusRule").hasSize(1);
        List<String> expressions = new ArrayList<>();
        for (JsonNode rule : rules) {
            softly.assertThat(rule.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
            for (JsonNode group : rule.path("spec").path("groups")) {
                for (JsonNode alert : group.path("rules")) {
                    String name = alert.path("alert").asText("");
                    softly.assertThat(name).as("a rule without alert name in %s", group.path("name").asText())
                            .isNotBlank();
                    softly.assertThat(alert.path("labels").path("severity").asText(""))
                            .as("alert %s: labels.severity", name).isIn("critical", "warning", "info");
                    softly.assertThat(alert.path("annotations").path("summary").asText(""))
                            .as("alert %s: annotations.summary", name).isNotBlank();
                    expressions.add(alert.path("expr").asText());
                }
            }
        }
        for (String metric : ALERTED_METRICS) {
            softly.assertThat(expressions.stream().anyMatch(e -> e.contains(metric)))
                    .as("PrometheusRule: no alert on %s", metric).isTrue();
        }
        softly.assertThat(expressions.stream().anyMatch(e -> e.contains("lianxin_deliveries_total{outcome=\"failed\"}")))
                .as("PrometheusRule: the delivery alert divides failed deliveries by all").isTrue();
        softly.assertAll();
    }

    @Test
    void strimziComponentReplacesTheTopicJob() {
        Path component = k8s.resolve("components/strimzi-topics");
        JsonNode kustomization = Manifests.documents(component.resolve("kustomization.yaml")).get(0);
        List<JsonNode> topics = Manifests.listedResources(component);
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(kustomization.path("kind").asText()).isEqualTo("Component");
        softly.assertThat(topics).as("components/strimzi-topics: KafkaTopics").isNotEmpty();
        for (JsonNode topic : topics) {
            String where = Manifests.kindAndName(topic);
            softly.assertThat(topic.path("apiVersion").asText()).as(where).isEqualTo("kafka.strimzi.io/v1beta2");
            softly.assertThat(topic.path("kind").asText()).as(where).isEqualTo("KafkaTopic");
            softly.assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText(""))
                    .as("%s: label strimzi.io/cluster names the Kafka resource", where).isNotBlank();
            softly.assertThat(topic.path("metadata").path("name").asText())
                    .as("%s: a valid resource name", where).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
        }
        String patches = patches(kustomization);
        softly.assertThat(patches).as("components/strimzi-topics must delete the Job kafka-topics")
                .contains("$patch: delete").contains("name: kafka-topics");
        softly.assertThat(patches).as("components/strimzi-topics must point the Kafka egress at the Strimzi pods")
                .contains("allow-kafka-egress").contains("strimzi.io/cluster");
        softly.assertAll();
    }

    @Test
    void cloudNativePgComponentDescribesTheDatabaseTheServicesUse() {
        Path component = k8s.resolve("components/cloudnative-pg");
        JsonNode kustomization = Manifests.documents(component.resolve("kustomization.yaml")).get(0);
        List<JsonNode> documents = Manifests.listedResources(component);
        List<JsonNode> clusters = ofKind(documents, "Cluster");
        assertThat(clusters).as("components/cloudnative-pg: one Cluster").hasSize(1);
        JsonNode cluster = clusters.get(0);
        String name = cluster.path("metadata").path("name").asText();
        JsonNode spec = cluster.path("spec");
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(cluster.path("apiVersion").asText()).isEqualTo("postgresql.cnpg.io/v1");
        softly.assertThat(spec.path("instances").asInt()).as("Cluster instances (a primary and replicas)")
                .isGreaterThanOrEqualTo(2);
        softly.assertThat(spec.path("storage").path("size").asText("")).as("Cluster storage.size").isNotBlank();
        softly.assertThat(spec.path("imageName").asText("")).as("Cluster imageName: PostgreSQL 16, a pinned minor")
                .matches(".*:16\\.\\d+.*");
        softly.assertThat(spec.path("postgresql").path("parameters").path("max_connections").asText(""))
                .as("Cluster max_connections: the figure of the connection budget").matches("\\d+");
        String patches = patches(kustomization);
        String url = "jdbc:postgresql://" + name + "-rw:5432/" + spec.path("bootstrap").path("initdb").path("database")
                .asText("?");
        softly.assertThat(patches).as("components/cloudnative-pg: LIANXIN_DB_URL must name the Cluster's rw Service "
                + "and its database").contains("LIANXIN_DB_URL: " + url);
        softly.assertThat(patches).as("components/cloudnative-pg: the roles Job logs in with the operator's superuser")
                .contains(name + "-superuser");
        softly.assertThat(spec.path("enableSuperuserAccess").asBoolean(false))
                .as("Cluster enableSuperuserAccess (the roles Job needs the superuser Secret)").isTrue();
        boolean policy = ofKind(documents, "NetworkPolicy").stream().anyMatch(p -> name.equals(p.path("spec")
                .path("podSelector").path("matchLabels").path("cnpg.io/cluster").asText()));
        softly.assertThat(policy).as("components/cloudnative-pg: a NetworkPolicy for the Cluster's pods (the "
                + "namespace's default deny covers them)").isTrue();
        softly.assertAll();
    }

    // ----------------------------------------------------------------------------------------------------------
    // Every overlay as Kustomize renders it

    @Test
    void everyOverlayRendersHardened() {
        Assumptions.assumeTrue(kustomize.isPresent(),
                "neither kubectl nor kustomize is installed: the overlays are checked structurally only");
        assertThat(rendered).as("rendered overlays").isNotEmpty();
        SoftAssertions softly = new SoftAssertions();
        rendered.forEach((overlay, documents) -> {
            String where = "overlays/" + overlay;
            softly.assertThat(deployments(documents)).as("%s: Deployments", where).hasSize(SERVICES.size());
            hardening(softly, where, documents);
            disruptionBudgets(softly, where, documents);
            networkPolicies(softly, where, documents);
            connectionBudget(softly, where, documents);
            noCredentialLiterals(softly, where, documents, overlay.equals("local"));
            List<JsonNode> monitors = ofKind(documents, "ServiceMonitor");
            if (!monitors.isEmpty()) {
                for (JsonNode service : ofKind(documents, "Service")) {
                    List<String> ports = new ArrayList<>();
                    service.path("spec").path("ports").forEach(p -> ports.add(p.path("name").asText()));
                    softly.assertThat(ports).as("%s: %s must have the port the ServiceMonitor scrapes", where,
                            Manifests.kindAndName(service)).contains("management");
                }
            }
            if (!ofKind(documents, "KafkaTopic").isEmpty()) {
                softly.assertThat(ofKind(documents, "Job").stream()
                                .map(j -> j.path("metadata").path("name").asText()).toList())
                        .as("%s: KafkaTopics and the Job kafka-topics together", where).doesNotContain("kafka-topics");
            }
        });
        softly.assertAll();
    }

    // ----------------------------------------------------------------------------------------------------------
    // Credentials

    /**
     * No credential has a default in the configuration active in production (a ${NAME:default} with a non-empty
     * default, or a literal), and no Deployment or Job of the base, the components or a production overlay carries
     * one as a literal env value or a Secret resource: they come from Secrets the operators create. The local overlay
     * (a throwaway cluster) generates placeholder Secrets and is the only exception.
     */
    @Test
    void noDefaultCredentialsAnywhere() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        List<Path> configurations = new ArrayList<>();
        configurations.add(root.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"));
        SERVICES.forEach(s -> configurations.add(root.resolve(s).resolve("src/main/resources/application.properties")));
        for (Path file : configurations) {
            Properties properties = properties(file);
            for (String key : properties.stringPropertyNames()) {
                String bare = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
                if (!activeInProduction(key) || !CREDENTIAL_KEY.matcher(bare).matches()
                        || bare.endsWith(".type") || bare.endsWith(".location")) {
                    continue;
                }
                String value = properties.getProperty(key).trim();
                Matcher reference = REFERENCE.matcher(value);
                if (reference.matches()) {
                    String fallback = reference.group(2);
                    softly.assertThat(fallback == null || fallback.isEmpty())
                            .as("%s: %s has the default credential \"%s\" (no default outside %%dev/%%test)",
                                    root.relativize(file), key, fallback).isTrue();
                } else {
                    softly.assertThat(value.isEmpty() || value.startsWith("${"))
                            .as("%s: %s is a literal credential", root.relativize(file), key).isTrue();
                }
            }
        }
        List<Path> descriptors;
        try (Stream<Path> files = Files.walk(k8s)) {
            descriptors = files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.startsWith(k8s.resolve("overlays/local")))
                    .filter(f -> !f.getFileName().toString().contains(".example."))
                    .sorted().toList();
        }
        for (Path file : descriptors) {
            noCredentialLiterals(softly, k8s.relativize(file).toString(), Manifests.documents(file), false);
        }
        softly.assertAll();
    }

    // ----------------------------------------------------------------------------------------------------------
    // The checks, on any set of documents

    private void hardening(SoftAssertions softly, String where, List<JsonNode> documents) {
        for (JsonNode deployment : deployments(documents)) {
            String name = where + " " + Manifests.kindAndName(deployment);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            podBasics(softly, name, pod);
            JsonNode container = pod.path("containers").get(0);
            Map<String, String> env = env(container);

            List<String> ports = new ArrayList<>();
            container.path("ports").forEach(p -> ports.add(p.path("name").asText() + ":" + p.path("containerPort").asText()));
            softly.assertThat(ports).as("%s: container port management:%s (quarkus.management.port)", name,
                    managementPort).contains("management:" + managementPort);
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                softly.assertThat(container.path(probe).path("httpGet").path("port").asText())
                        .as("%s: %s must ask the port management", name, probe).isIn("management", managementPort);
            }

            JsonNode preStop = container.path("lifecycle").path("preStop");
            long preStopSeconds = -1;
            if (preStop.path("sleep").has("seconds")) {
                preStopSeconds = preStop.path("sleep").path("seconds").asLong();
            } else {
                Matcher sleep = SLEEP.matcher(text(preStop.path("exec").path("command")).replace('\n', ' '));
                if (sleep.find()) {
                    preStopSeconds = Long.parseLong(sleep.group(1));
                }
            }
            softly.assertThat(preStopSeconds).as("%s: lifecycle.preStop must sleep (sleep N or sleep.seconds), so that "
                    + "endpoints and the Ingress drop the pod before it stops", name).isPositive();
            String shutdown = env.get("QUARKUS_SHUTDOWN_TIMEOUT");
            softly.assertThat(shutdown).as("%s: env QUARKUS_SHUTDOWN_TIMEOUT (graceful shutdown)", name).isNotBlank();
            if (shutdown != null && !shutdown.isBlank() && preStopSeconds > 0) {
                long grace = pod.path("terminationGracePeriodSeconds").asLong(30);
                softly.assertThat(grace).as("%s: terminationGracePeriodSeconds must exceed preStop (%s s) + "
                        + "QUARKUS_SHUTDOWN_TIMEOUT (%s)", name, preStopSeconds, shutdown)
                        .isGreaterThan(preStopSeconds + Manifests.seconds(shutdown));
            }
        }
        for (JsonNode job : ofKind(documents, "Job")) {
            podBasics(softly, where + " " + Manifests.kindAndName(job), job.path("spec").path("template").path("spec"));
        }
    }

    /** No token, non-root, read-only root filesystem with an emptyDir on /tmp, no privilege escalation, no capability. */
    private static void podBasics(SoftAssertions softly, String name, JsonNode pod) {
        softly.assertThat(pod.path("automountServiceAccountToken").isBoolean()
                        && !pod.path("automountServiceAccountToken").asBoolean())
                .as("%s: automountServiceAccountToken: false", name).isTrue();
        Map<String, JsonNode> volumes = new LinkedHashMap<>();
        pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
        for (JsonNode container : pod.path("containers")) {
            JsonNode security = container.path("securityContext");
            softly.assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean(false)
                            || security.path("runAsNonRoot").asBoolean(false))
                    .as("%s: runAsNonRoot", name).isTrue();
            softly.assertThat(security.path("readOnlyRootFilesystem").asBoolean(false))
                    .as("%s: securityContext.readOnlyRootFilesystem", name).isTrue();
            softly.assertThat(security.path("allowPrivilegeEscalation").isBoolean()
                            && !security.path("allowPrivilegeEscalation").asBoolean())
                    .as("%s: allowPrivilegeEscalation: false", name).isTrue();
            softly.assertThat(text(security.path("capabilities").path("drop"))).as("%s: capabilities drop ALL", name)
                    .isEqualTo("ALL");
            Optional<String> tmp = Optional.empty();
            for (JsonNode mount : container.path("volumeMounts")) {
                if ("/tmp".equals(mount.path("mountPath").asText())) {
                    tmp = Optional.of(mount.path("name").asText());
                }
            }
            softly.assertThat(tmp.map(volumes::get).map(v -> v.has("emptyDir")).orElse(false))
                    .as("%s: /tmp must be an emptyDir volume (the only writable path)", name).isTrue();
        }
    }

    private void disruptionBudgets(SoftAssertions softly, String where, List<JsonNode> documents) {
        List<JsonNode> budgets = ofKind(documents, "PodDisruptionBudget");
        for (JsonNode deployment : deployments(documents)) {
            String name = where + " " + Manifests.kindAndName(deployment);
            JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
            List<JsonNode> matching = budgets.stream()
                    .filter(b -> Manifests.selects(b.path("spec").path("selector"), labels)).toList();
            softly.assertThat(matching).as("%s: exactly one PodDisruptionBudget selecting its pods", name).hasSize(1);
            for (JsonNode budget : matching) {
                JsonNode spec = budget.path("spec");
                softly.assertThat(budget.path("apiVersion").asText()).isEqualTo("policy/v1");
                softly.assertThat(spec.has("maxUnavailable") || spec.has("minAvailable"))
                        .as("%s: PodDisruptionBudget needs maxUnavailable or minAvailable", name).isTrue();
                if (spec.path("maxUnavailable").isInt()) {
                    softly.assertThat(spec.path("maxUnavailable").asInt()).as("%s: PDB maxUnavailable", name).isPositive();
                }
                if (spec.path("minAvailable").isInt()) {
                    softly.assertThat(spec.path("minAvailable").asInt())
                            .as("%s: PDB minAvailable below the replicas, or no node can ever be drained", name)
                            .isLessThan(deployment.path("spec").path("replicas").asInt(1));
                }
                for (JsonNode other : deployments(documents)) {
                    if (other != deployment) {
                        softly.assertThat(Manifests.selects(spec.path("selector"),
                                        other.path("spec").path("template").path("metadata").path("labels")))
                                .as("%s: its PodDisruptionBudget also selects %s's pods", name,
                                        other.path("metadata").path("name").asText()).isFalse();
                    }
                }
            }
        }
    }

    private void networkPolicies(SoftAssertions softly, String where, List<JsonNode> documents) {
        List<JsonNode> policies = ofKind(documents, "NetworkPolicy");
        boolean defaultDeny = policies.stream().anyMatch(p -> {
            JsonNode spec = p.path("spec");
            return spec.path("podSelector").isObject() && spec.path("podSelector").isEmpty()
                    && text(spec.path("policyTypes")).contains("Ingress") && text(spec.path("policyTypes")).contains("Egress")
                    && spec.path("ingress").isEmpty() && spec.path("egress").isEmpty();
        });
        softly.assertThat(defaultDeny).as("%s: a NetworkPolicy denying all ingress and egress of every pod", where)
                .isTrue();
        Map<String, String> config = configMap(documents, "lianxin-config");
        String databasePort = port(config.getOrDefault("LIANXIN_DB_URL", ""), "5432");
        Set<String> kafkaPorts = new TreeSet<>();
        for (String server : config.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "").split(",")) {
            kafkaPorts.add(port(server.trim(), "9092"));
        }
        List<JsonNode> workloads = new ArrayList<>(deployments(documents));
        workloads.addAll(ofKind(documents, "Job"));
        for (JsonNode workload : workloads) {
            String name = where + " " + Manifests.kindAndName(workload);
            String app = workload.path("metadata").path("name").asText();
            JsonNode labels = workload.path("spec").path("template").path("metadata").path("labels");
            Set<String> egress = allowed(policies, labels, "Egress");
            softly.assertThat(egress).as("%s: egress to DNS (UDP 53)", name).containsAnyOf("UDP/53", "*");
            boolean service = SERVICES.contains(app);
            if (service || app.equals("postgres-roles")) {
                softly.assertThat(egress).as("%s: egress to PostgreSQL (TCP %s)", name, databasePort)
                        .containsAnyOf("TCP/" + databasePort, "*");
            }
            if (service || app.equals("kafka-topics")) {
                for (String port : kafkaPorts) {
                    softly.assertThat(egress).as("%s: egress to Kafka (TCP %s)", name, port).containsAnyOf("TCP/" + port, "*");
                }
            }
            if (service) {
                Set<String> ingress = allowed(policies, labels, "Ingress");
                softly.assertThat(ingress).as("%s: ingress only to its API and management ports", name)
                        .isSubsetOf("TCP/http", "TCP/management");
                softly.assertThat(ingress).as("%s: the ingress controller reaches its API port", name).contains("TCP/http");
                for (JsonNode policy : selecting(policies, labels, "Ingress")) {
                    for (JsonNode rule : policy.path("spec").path("ingress")) {
                        softly.assertThat(rule.path("from").isEmpty())
                                .as("%s: NetworkPolicy %s lets anyone in", name, policy.path("metadata").path("name").asText())
                                .isFalse();
                        for (JsonNode peer : rule.path("from")) {
                            softly.assertThat(peer.has("namespaceSelector") || peer.has("ipBlock"))
                                    .as("%s: NetworkPolicy %s lets pods of its own namespace in (the services talk through "
                                            + "Kafka only)", name, policy.path("metadata").path("name").asText()).isTrue();
                        }
                    }
                }
            }
        }
    }

    /**
     * Σ over the services of (HPA maxReplicas + maxSurge) × pool + one Flyway connection each (a starting pod), plus
     * one per Job that logs in to PostgreSQL and the reserved superuser connections, must leave {@link #HEADROOM} of
     * max_connections free. Returns the services' part (pods × pool).
     */
    private int connectionBudget(SoftAssertions softly, String where, List<JsonNode> documents) {
        int platformPool = Integer.parseInt(platform.getProperty("quarkus.datasource.jdbc.max-size", "20").trim());
        int maxConnections = ofKind(documents, "Cluster").stream()
                .map(c -> c.path("spec").path("postgresql").path("parameters").path("max_connections").asText(""))
                .filter(s -> s.matches("\\d+")).map(Integer::parseInt).findFirst()
                .orElse(POSTGRES_DEFAULT_MAX_CONNECTIONS);
        int services = 0;
        int flyway = 0;
        List<String> terms = new ArrayList<>();
        for (JsonNode deployment : deployments(documents)) {
            String name = deployment.path("metadata").path("name").asText();
            Map<String, String> env = env(deployment.path("spec").path("template").path("spec").path("containers").get(0));
            int pool = Integer.parseInt(env.getOrDefault("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", String.valueOf(platformPool)));
            int maxReplicas = ofKind(documents, "HorizontalPodAutoscaler").stream()
                    .filter(h -> name.equals(h.path("spec").path("scaleTargetRef").path("name").asText()))
                    .map(h -> h.path("spec").path("maxReplicas").asInt()).findFirst()
                    .orElse(deployment.path("spec").path("replicas").asInt(1));
            JsonNode surge = deployment.path("spec").path("strategy").path("rollingUpdate").path("maxSurge");
            int surgePods = surge.isInt() ? surge.asInt()
                    : surge.isMissingNode() ? (int) Math.ceil(maxReplicas * 0.25)
                    : (int) Math.ceil(maxReplicas * Integer.parseInt(surge.asText().replace("%", "")) / 100.0);
            services += (maxReplicas + surgePods) * pool;
            flyway += 1;
            terms.add(name + " (" + maxReplicas + "+" + surgePods + ")x" + pool);
        }
        int jobs = (int) ofKind(documents, "Job").stream()
                .filter(j -> text(j.path("spec").path("template").path("spec").path("containers").get(0).path("env"))
                        .contains("PGPASSWORD") || j.path("metadata").path("name").asText().equals("postgres-roles"))
                .count();
        int total = services + flyway + jobs + SUPERUSER_RESERVED;
        softly.assertThat(total).as("%s: database connections at the HPAs' ceiling: %s = %s, + %s Flyway + %s Job(s) + %s "
                        + "reserved = %s; must leave %s%% of max_connections %s free", where, String.join(" + ", terms),
                services, flyway, jobs, SUPERUSER_RESERVED, total, (int) (HEADROOM * 100), maxConnections)
                .isLessThanOrEqualTo((int) Math.floor(maxConnections * (1 - HEADROOM)));
        return services;
    }

    /** No Secret resource and no credential as a literal env value (valueFrom a Secret only). */
    private static void noCredentialLiterals(SoftAssertions softly, String where, List<JsonNode> documents,
            boolean throwaway) {
        for (JsonNode document : documents) {
            String name = where + " " + Manifests.kindAndName(document);
            if (!throwaway) {
                softly.assertThat(document.path("kind").asText()).as("%s: Secrets are created by the operators, never "
                        + "applied from the repository", name).isNotEqualTo("Secret");
            }
            List<JsonNode> containers = new ArrayList<>();
            document.path("spec").path("template").path("spec").path("containers").forEach(containers::add);
            for (JsonNode container : containers) {
                for (JsonNode entry : container.path("env")) {
                    String variable = entry.path("name").asText();
                    if (CREDENTIAL_KEY.matcher(variable).matches() && !variable.endsWith("_LOCATION")) {
                        softly.assertThat(entry.has("value"))
                                .as("%s: env %s is a literal; a credential comes from a Secret (valueFrom)", name, variable)
                                .isFalse();
                    }
                }
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Helpers

    private List<Path> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(k8s.resolve("overlays"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml"))).sorted().toList();
        }
    }

    private static List<JsonNode> deployments(List<JsonNode> documents) {
        return ofKind(documents, "Deployment").stream()
                .filter(d -> SERVICES.contains(d.path("metadata").path("name").asText())).toList();
    }

    private static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    private static List<JsonNode> selecting(List<JsonNode> policies, JsonNode labels, String type) {
        return policies.stream()
                .filter(p -> text(p.path("spec").path("policyTypes")).contains(type))
                .filter(p -> Manifests.selects(p.path("spec").path("podSelector"), labels))
                .toList();
    }

    /** "PROTOCOL/port" of every rule of that direction of the policies selecting these labels; "*" for all ports. */
    private static Set<String> allowed(List<JsonNode> policies, JsonNode labels, String type) {
        Set<String> ports = new TreeSet<>();
        for (JsonNode policy : selecting(policies, labels, type)) {
            for (JsonNode rule : policy.path("spec").path(type.toLowerCase())) {
                if (rule.path("ports").isEmpty()) {
                    ports.add("*");
                }
                rule.path("ports").forEach(p -> ports.add(p.path("protocol").asText("TCP") + "/" + p.path("port").asText()));
            }
        }
        return ports;
    }

    /** The inline patches of a kustomization, each followed by a line "target kind K name N". */
    private static String patches(JsonNode kustomization) {
        StringBuilder text = new StringBuilder();
        for (JsonNode patch : kustomization.path("patches")) {
            text.append(patch.path("patch").asText("")).append("\ntarget kind ")
                    .append(patch.path("target").path("kind").asText("")).append(" name ")
                    .append(patch.path("target").path("name").asText("")).append('\n');
        }
        return text.toString();
    }

    private static Map<String, String> configMap(List<JsonNode> documents, String prefix) {
        Map<String, String> data = new TreeMap<>();
        ofKind(documents, "ConfigMap").stream()
                .filter(c -> c.path("metadata").path("name").asText().startsWith(prefix))
                .filter(c -> c.path("data").has("LIANXIN_DB_URL"))
                .forEach(c -> c.path("data").properties().forEach(e -> data.put(e.getKey(), e.getValue().asText())));
        return data;
    }

    private static String port(String address, String fallback) {
        Matcher m = HOST_PORT.matcher(address);
        return m.find() ? m.group(1) : fallback;
    }

    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText(null)));
        return env;
    }

    private static boolean activeInProduction(String key) {
        if (!key.startsWith("%")) {
            return true;
        }
        int dot = key.indexOf('.');
        return dot > 1 && List.of(key.substring(1, dot).split(",")).contains("prod");
    }

    private static Properties properties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static String text(JsonNode node) {
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(n -> parts.add(n.isValueNode() ? n.asText() : n.toString()));
            return String.join("\n", parts);
        }
        if (node.isObject()) {
            return node.toString();
        }
        return node.isMissingNode() || node.isNull() ? "" : node.asText();
    }
}
