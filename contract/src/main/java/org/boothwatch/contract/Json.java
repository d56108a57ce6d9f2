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
import java.util.concurrent.atomic.AtomicReferenceArray;

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
     * Recently formatted or parsed seconds, as {@code yyyy-MM-ddTHH:mm:ss}, one slot per second of the minute: most
     * timestamps on the wire fall in a second seen just before, and java.time's formatter and parser cost about a
     * microsecond each, several times per message (profiled at 8,000 events/s). A single slot was not enough: the
     * gateway formats the receive time, the event's time and its alarm's raise time in turn, often three different
     * seconds. The slot of a text is its {@code ss} field, so a parse finds it without parsing. Immutable entries,
     * so threads may race on a slot harmlessly.
     */
    private record Second(long epochSecond, String text) {}

    private static final AtomicReferenceArray<Second> SECONDS = new AtomicReferenceArray<>(60);

    /** The second of the minute, which is also the text's {@code ss}. */
    private static int slotOf(long epochSecond) {
        return (int) Math.floorMod(epochSecond, 60L);
    }

    /** ISO-8601 UTC with milliseconds, e.g. {@code 2026-11-23T15:07:16.000Z}. */
    public static String format(Instant t) {
        int slot = slotOf(t.getEpochSecond());
        Second s = SECONDS.get(slot);
        if (s == null || s.epochSecond() != t.getEpochSecond()) {
            String full = MILLIS.format(t);
            if (full.length() != 24) return full; // a year beyond 9999 or before 0: not cached
            SECONDS.set(slot, new Second(t.getEpochSecond(), full.substring(0, 19)));
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
     * {@link Instant#parse}, with a shortcut for the wire's own form {@code yyyy-MM-ddTHH:mm:ss.SSSZ} in a second
     * recently seen. Anything else, and any first sight of a second, goes to Instant.parse, which also checks it.
     */
    public static Instant parseInstant(String text) {
        if (text.length() == 24 && text.charAt(19) == '.' && text.charAt(23) == 'Z') {
            int s1 = text.charAt(17) - '0';
            int s2 = text.charAt(18) - '0';
            int a = text.charAt(20) - '0';
            int b = text.charAt(21) - '0';
            int c = text.charAt(22) - '0';
            if (s1 >= 0 && s1 <= 5 && s2 >= 0 && s2 <= 9 && a >= 0 && a <= 9 && b >= 0 && b <= 9 && c >= 0 && c <= 9) {
                Second s = SECONDS.get(s1 * 10 + s2);
                if (s != null && text.startsWith(s.text())) {
                    return Instant.ofEpochSecond(s.epochSecond(), (a * 100 + b * 10 + c) * 1_000_000L);
                }
            }
        }
        Instant t = Instant.parse(text);
        // Cached only when it is exactly our own form of t (not a leap second "…:60", not another spelling).
        if (text.length() == 24 && MILLIS.format(t).equals(text)) {
            SECONDS.set(slotOf(t.getEpochSecond()), new Second(t.getEpochSecond(), text.substring(0, 19)));
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
