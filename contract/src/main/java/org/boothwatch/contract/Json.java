package org.boothwatch.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The one JSON configuration of the wire: ISO-8601 UTC with milliseconds, strict scalar types. */
public final class Json {
    public static final int VERSION = 1;
    /** Larger payloads are rejected before parsing. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public static final ObjectMapper MAPPER = build();
    /** One reader per payload type: readValue(bytes, Class) looks the type's deserializer up on every call. */
    private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return MAPPER.readerFor(type);
        }
    };

    private Json() {}

    /**
     * The last second formatted or parsed, as {@code yyyy-MM-ddTHH:mm:ss}: most timestamps on the wire fall in the
     * same second as the one before, and java.time's formatter and parser cost about a microsecond each, several
     * times per message (profiled at 8,000 events/s). Immutable, so threads may race on it harmlessly.
     */
    private record Second(long epochSecond, String text) {}

    private static volatile Second lastSecond = new Second(0, "1970-01-01T00:00:00");

    /** ISO-8601 UTC with milliseconds, e.g. {@code 2026-11-23T15:07:16.000Z}. */
    public static String format(Instant t) {
        Second s = lastSecond;
        if (s.epochSecond() != t.getEpochSecond()) {
            String full = MILLIS.format(t);
            if (full.length() != 24) return full; // a year beyond 9999 or before 0: not cached
            lastSecond = new Second(t.getEpochSecond(), full.substring(0, 19));
            return full;
        }
        int ms = t.getNano() / 1_000_000;
        char[] out = new char[24];
        s.text().getChars(0, 19, out, 0);
        out[19] = '.';
        out[20] = (char) ('0' + ms / 100);
        out[21] = (char) ('0' + ms / 10 % 10);
        out[22] = (char) ('0' + ms % 10);
        out[23] = 'Z';
        return new String(out);
    }

    /**
     * {@link Instant#parse}, with a shortcut for the wire's own form {@code yyyy-MM-ddTHH:mm:ss.SSSZ} in the second
     * last seen. Anything else, and any first sight of a second, goes to Instant.parse, which also checks it.
     */
    public static Instant parseInstant(String text) {
        Second s = lastSecond;
        if (text.length() == 24 && text.charAt(19) == '.' && text.charAt(23) == 'Z' && text.startsWith(s.text())) {
            int a = text.charAt(20) - '0';
            int b = text.charAt(21) - '0';
            int c = text.charAt(22) - '0';
            if (a >= 0 && a <= 9 && b >= 0 && b <= 9 && c >= 0 && c <= 9) {
                return Instant.ofEpochSecond(s.epochSecond(), (a * 100 + b * 10 + c) * 1_000_000L);
            }
        }
        Instant t = Instant.parse(text);
        // Cached only when it is exactly our own form of t (not a leap second "…:60", not another spelling).
        if (t.getEpochSecond() != s.epochSecond() && text.length() == 24 && MILLIS.format(t).equals(text)) {
            lastSecond = new Second(t.getEpochSecond(), text.substring(0, 19));
        }
        return t;
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses without contract checks; see {@link Payloads} for validated parsing. */
    public static <T> T read(byte[] bytes, Class<T> type) throws PayloadException {
        if (bytes == null || bytes.length == 0) throw new PayloadException("empty payload");
        if (bytes.length > MAX_PAYLOAD_BYTES) {
            throw new PayloadException("payload of " + bytes.length + " bytes exceeds " + MAX_PAYLOAD_BYTES);
        }
        try {
            T value = READERS.get(type).readValue(bytes);
            if (value == null) throw new PayloadException("payload is JSON null");
            return value;
        } catch (IOException e) {
            throw new PayloadException("not a valid " + type.getSimpleName() + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static ObjectMapper build() {
        SimpleModule instants = new SimpleModule("boothwatch-instants");
        instants.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(format(value));
            }
        });
        instants.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (!p.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
                    return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
                }
                try {
                    return parseInstant(p.getText());
                } catch (DateTimeParseException e) {
                    return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(), "not ISO-8601 UTC");
                }
            }
        });
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(instants)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxStringLength(16 * 1024)
                .maxNumberLength(32)
                .build());
        return mapper;
    }
}
