package cn.lianxin.notification.recipients;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** Small readers for event payloads (consumer-side, tolerant of fields we do not use). */
public final class Json {

    private Json() {
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public static UUID uuid(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : UUID.fromString(text);
    }

    public static JsonNode object(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    /** ["root", …, "org"] → /root/…/org/ */
    public static String materializedPath(JsonNode array) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            return null;
        }
        StringBuilder path = new StringBuilder("/");
        array.forEach(id -> path.append(id.asText()).append('/'));
        return path.toString();
    }
}
