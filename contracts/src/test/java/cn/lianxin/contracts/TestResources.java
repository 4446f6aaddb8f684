package cn.lianxin.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Reads the contracts and the sample payloads from the test classpath. */
final class TestResources {

    static final ObjectMapper JSON = new ObjectMapper();

    private TestResources() {
    }

    static String text(String resource) {
        try (InputStream in = TestResources.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean exists(String resource) {
        return TestResources.class.getClassLoader().getResource(resource) != null;
    }

    /** The sample payload of an event type: {@code samples/<Event>.v<n>.json}. */
    static String sample(String ceType) {
        EventType type = EventType.parse(ceType);
        return text("samples/" + type.name() + ".v" + type.version() + ".json");
    }

    static ObjectNode sampleNode(String ceType) {
        return (ObjectNode) json(sample(ceType));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(String resource) {
        try {
            return new YAMLMapper().readTree(text(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A folder of the (compiled) classpath as a file-system path. */
    static Path folder(String resource) {
        URL url = TestResources.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException(resource + " is not on the classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
