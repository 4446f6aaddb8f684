package cn.lianxin.platform.problem;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * What a request body may contain beyond being well-formed JSON, so that bad input is a 400 naming the field rather
 * than a 500 from the database: no duplicate keys, no control characters other than tab, line feed and carriage
 * return in strings (PostgreSQL refuses NUL), no lone surrogates (not text: the database would store '?'), no string
 * longer than {@value #MAX_STRING_LENGTH} characters (no field of any API comes near; a longer one only fills memory and
 * disk), nothing after the document (two documents in one body are one too many), and dates and date-times between the
 * years {@value #MIN_YEAR} and {@value #MAX_YEAR}, written as ISO text (not as Jackson's lists of numbers).
 */
public final class StrictJson {

    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 9999;
    public static final int MAX_STRING_LENGTH = 100_000;

    /** Instants are compared with the range widened by the largest offset, as the local year is no longer known. */
    private static final Instant MIN_INSTANT = Instant.parse(MIN_YEAR + "-01-01T00:00:00Z").minusSeconds(18 * 3600);
    private static final Instant MAX_INSTANT = Instant.parse(MAX_YEAR + "-12-31T23:59:59.999999999Z").plusSeconds(18 * 3600);

    private StrictJson() {
    }

    /** A copy of {@code base} that refuses what this class describes; {@code base} is left as it is. */
    public static ObjectMapper strict(ObjectMapper base) {
        ObjectMapper strict = base.copy();
        strict.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        strict.enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        strict.registerModule(module());
        return strict;
    }

    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("lianxin-strict-json");
        module.addDeserializer(String.class, new CheckedStringDeserializer());
        module.addKeyDeserializer(String.class, new CheckedKeyDeserializer());
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class
                        || type == LocalDateTime.class || type == LocalDate.class) {
                    return new DateRangeDeserializer(deserializer);
                }
                return deserializer;
            }
        });
        return module;
    }

    /** @return a description of what is wrong with {@code text}, or null when it is acceptable */
    public static String controlCharacterIn(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return String.format("must not contain the control character U+%04X", (int) c);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a pair: one character outside the Basic Multilingual Plane, e.g. a rare 汉字
            } else if (Character.isSurrogate(c)) {
                return String.format("must not contain the lone surrogate U+%04X", (int) c);
            }
        }
        return null;
    }

    /** Whether a date or date-time lies between the years {@value #MIN_YEAR} and {@value #MAX_YEAR}; other values do. */
    public static boolean inRange(Object value) {
        Instant instant = value instanceof Instant i ? i
                : value instanceof OffsetDateTime t ? t.toInstant()
                : value instanceof ZonedDateTime t ? t.toInstant() : null;
        if (instant != null) { // read as UTC by default (ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            return !instant.isBefore(MIN_INSTANT) && !instant.isAfter(MAX_INSTANT);
        }
        int year;
        if (value instanceof LocalDateTime t) {
            year = t.getYear();
        } else if (value instanceof LocalDate t) {
            year = t.getYear();
        } else {
            return true;
        }
        return year >= MIN_YEAR && year <= MAX_YEAR;
    }

    private static final class CheckedStringDeserializer extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            if (value != null && value.length() > MAX_STRING_LENGTH) {
                throw new RejectedValueException(p, "must be at most " + MAX_STRING_LENGTH + " characters",
                        value.substring(0, 20) + "…", String.class);
            }
            if (value != null) {
                String problem = controlCharacterIn(value);
                if (problem != null) {
                    throw new RejectedValueException(p, problem, value, String.class);
                }
            }
            return value;
        }
    }

    private static final class CheckedKeyDeserializer extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            String problem = controlCharacterIn(key);
            if (problem != null) {
                throw new RejectedValueException(ctxt.getParser(), "key " + problem, key, String.class);
            }
            return key;
        }
    }

    private static final class DateRangeDeserializer extends DelegatingDeserializer {

        DateRangeDeserializer(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new DateRangeDeserializer(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.START_ARRAY) {
                // Jackson reads [2024, 3, 1] as a date and [] as no date at all: a list is not a date of this API.
                throw new RejectedValueException(p, "must be an ISO date or date-time, not a list", null, handledType());
            }
            String text = p.currentToken() != null && p.currentToken().isScalarValue() ? p.getText() : null;
            Object value;
            try {
                value = super.deserialize(p, ctxt);
            } catch (DateTimeException | ArithmeticException e) {
                throw new RejectedValueException(p, outOfRange(), text, handledType());
            }
            if (value != null && !inRange(value)) {
                throw new RejectedValueException(p, outOfRange(), text, handledType());
            }
            return value;
        }

        private static String outOfRange() {
            return "must be between the years " + MIN_YEAR + " and " + MAX_YEAR;
        }
    }
}
