package org.boothwatch.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.boothwatch.contract.Json;

/**
 * Malformed variants of a valid agent payload: each one must be rejected by the gateway. The kinds are
 * chosen so that none can be valid by accident (no scalar that Jackson might coerce).
 */
public final class HostilePayloads {
    /** The kinds of damage. */
    public enum Kind {
        RANDOM_BYTES, TRUNCATED, WRONG_TYPE, HUGE_STRING, OVERSIZED, DEEP_NESTING, INVALID_UTF8,
        FUTURE_V, NEGATIVE_SEQ, SPOOFED_BOOTH, SPOOFED_SITE, UNKNOWN_ENUM, MISSING_FIELD, JSON_NULL, NOT_AN_OBJECT
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final Random random;

    public HostilePayloads(Random random) {
        this.random = random;
    }

    /** A hostile variant of {@code valid} (one agent payload as JSON bytes). */
    public byte[] make(Kind kind, byte[] valid) {
        ObjectNode o = tree(valid);
        switch (kind) {
            case RANDOM_BYTES -> {
                byte[] b = new byte[random.nextInt(512)];
                random.nextBytes(b);
                if (b.length > 0 && (b[0] == '{' || b[0] == '[' || b[0] == '"')) b[0] = 0x01;
                return b;
            }
            case TRUNCATED -> {
                return java.util.Arrays.copyOf(valid, 1 + random.nextInt(valid.length - 1));
            }
            case WRONG_TYPE -> {
                List<Runnable> damage = List.of(
                        () -> o.put("v", "1"), () -> o.put("seq", "7"), () -> o.put("at", 1234567),
                        () -> o.set("site", F.objectNode()), () -> o.set("booth", F.arrayNode().add(1)),
                        () -> o.set("bootId", F.objectNode().put("x", 1)), () -> o.put("at", "yesterday"));
                damage.get(random.nextInt(damage.size())).run();
                typeSpecificWrongType(o);
            }
            case HUGE_STRING -> o.put("bootId", "x".repeat(20_000 + random.nextInt(20_000)));
            case OVERSIZED -> o.put("padding", "p".repeat(15_000)).put("padding2", "q".repeat(15_000))
                    .put("padding3", "r".repeat(15_000)).put("padding4", "s".repeat(15_000)).put("padding5", "t".repeat(10_000));
            case DEEP_NESTING -> {
                JsonNode n = F.numberNode(1);
                for (int i = 0; i < 40 + random.nextInt(200); i++) n = random.nextBoolean() ? F.arrayNode().add(n) : F.objectNode().set("a", n);
                o.set(random.nextBoolean() ? "extra" : "alarm", n);
            }
            case INVALID_UTF8 -> {
                return invalidUtf8(o);
            }
            case FUTURE_V -> o.put("v", 2 + random.nextInt(100));
            case NEGATIVE_SEQ -> o.put("seq", -1 - random.nextInt(1_000_000));
            case SPOOFED_BOOTH -> o.put("booth", "b9" + random.nextInt(10));
            case SPOOFED_SITE -> o.put("site", "other-site");
            case UNKNOWN_ENUM -> {
                if (o.has("kind")) o.put("kind", "EXPLODE");
                else if (o.has("phase")) o.put("phase", "MELTED");
                else o.put("v", 0);
            }
            case MISSING_FIELD -> o.remove(List.of("v", "site", "booth", "bootId", "at").get(random.nextInt(5)));
            case JSON_NULL -> {
                return "null".getBytes(StandardCharsets.UTF_8);
            }
            case NOT_AN_OBJECT -> {
                return random.nextBoolean() ? "[1,2,3]".getBytes(StandardCharsets.UTF_8) : "\"text\"".getBytes(StandardCharsets.UTF_8);
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
        return Json.write(o);
    }

    /** Any kind, evenly. */
    public byte[] any(byte[] valid) {
        Kind[] all = Kind.values();
        return make(all[random.nextInt(all.length)], valid);
    }

    private void typeSpecificWrongType(ObjectNode o) {
        if (o.has("uptimeS") && random.nextBoolean()) o.put("uptimeS", "3");
        if (o.has("alarms") && random.nextBoolean()) o.set("alarms", F.objectNode());
        if (o.has("alarm") && random.nextBoolean()) o.put("alarm", "x");
    }

    /** The booth id with a byte sequence that is not UTF-8 (0xC3 0x28, then a lone 0xFF). */
    private static byte[] invalidUtf8(ObjectNode o) {
        String marker = "MARKER-9f2c";
        o.put("booth", marker);
        byte[] text = Json.write(o);
        String s = new String(text, StandardCharsets.UTF_8);
        int at = s.indexOf(marker);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(s.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {'b', (byte) 0xC3, 0x28, (byte) 0xFF, '1'});
        out.writeBytes(s.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static ObjectNode tree(byte[] valid) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(valid);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
