package cn.lianxin.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading deploy/k8s: YAML documents of a file or of a Kustomization as listed (structural, always possible), and the
 * output of a real Kustomize ({@code kubectl kustomize} or {@code kustomize build}) where one is installed.
 */
final class Manifests {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern DURATION = Pattern.compile("(?i)(?:PT)?(\\d+)(ms|s|m)?");

    private Manifests() {
    }

    static Path repositoryRoot() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("deploy/k8s"))) {
                return dir;
            }
        }
        return fail("no docker-compose.yml and deploy/k8s in %s or any parent directory", start);
    }

    static List<JsonNode> documents(Path file) {
        try {
            return documents(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static List<JsonNode> documents(String text) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> iterator = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document != null && document.isObject()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse YAML", e);
        }
        return documents;
    }

    /** The documents of the resources a kustomization.yaml lists (files only, as written: no patches applied). */
    static List<JsonNode> listedResources(Path directory) {
        List<JsonNode> kustomization = documents(directory.resolve("kustomization.yaml"));
        List<JsonNode> resources = new ArrayList<>();
        for (JsonNode resource : kustomization.get(0).path("resources")) {
            Path file = directory.resolve(resource.asText()).normalize();
            if (Files.isRegularFile(file)) {
                resources.addAll(documents(file));
            }
        }
        return resources;
    }

    /** The Kustomize command on this machine, if any. */
    static Optional<List<String>> kustomize() {
        for (List<String> candidate : List.of(List.of("kubectl", "kustomize"), List.of("kustomize", "build"))) {
            if (onPath(candidate.get(0))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The documents Kustomize renders for a kustomization directory; fails the test when Kustomize fails. */
    static List<JsonNode> render(List<String> kustomize, Path directory) {
        List<String> command = new ArrayList<>(kustomize);
        command.add(directory.toString());
        try {
            Path output = Files.createTempFile("kustomize", ".yaml");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                boolean done = process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS);
                String text = Files.readString(output, StandardCharsets.UTF_8);
                if (!done) {
                    process.destroyForcibly();
                }
                assertThat(done && process.exitValue() == 0)
                        .as("%s failed:%n%s", String.join(" ", command), text).isTrue();
                return documents(text);
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Selectors

    /** Whether a label selector (matchLabels and matchExpressions; empty: everything) selects these labels. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isNull()) {
            return true;
        }
        var matchLabels = selector.path("matchLabels").properties();
        for (var entry : matchLabels) {
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            boolean has = labels.has(key);
            String value = labels.path(key).asText(null);
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> has && values.contains(value);
                case "NotIn" -> !has || !values.contains(value);
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Values

    /** Seconds of a duration as Quarkus and Kubernetes write it: 20, 20s, PT20S, 500ms (rounded up), 1m. */
    static long seconds(String text) {
        Matcher m = DURATION.matcher(text.trim());
        assertThat(m.matches()).as("not a duration: %s", text).isTrue();
        long value = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase();
        return switch (unit) {
            case "ms" -> (value + 999) / 1000;
            case "m" -> value * 60;
            default -> value;
        };
    }

    static String kindAndName(JsonNode document) {
        return document.path("kind").asText() + " " + document.path("metadata").path("name").asText();
    }
}
