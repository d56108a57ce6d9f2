package org.boothwatch.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadsTest {
    private static final Topics.BoothAddress B01 = Topics.parseBooth("boothwatch/v1/skyen/booth/b01/event").orElseThrow();
    private static final Instant T = Instant.parse("2026-11-23T15:07:16Z");

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eventRoundTripsWithMillisecondTimestamps() throws Exception {
        AlarmInfo alarm = AlarmInfo.raised("boot1-1", AlarmType.PANIC, T);
        EventPayload e = EventPayload.alarm(Envelope.of("skyen", "b01", "boot1", 7, T), EventKind.ALARM_RAISED, alarm);
        String json = Json.writeString(e);
        assertTrue(json.contains("\"at\":\"2026-11-23T15:07:16.000Z\""), json);
        assertTrue(json.contains("\"priority\":\"HIGH\""), json);
        assertEquals(e, Payloads.event(b(json), B01));
    }

    @Test
    void stateCarriesLowercaseOutputs() throws Exception {
        StatePayload s = new StatePayload(1, "skyen", "b01", "boot1", 3, T, true, T, T, Phase.OCCUPIED, List.of(),
                new Inputs(true, false, false, false), new Outputs(Lamp.FLASH, Buzzer.OFF), List.of(), true);
        String json = Json.writeString(s);
        assertTrue(json.contains("\"lamp\":\"flash\""), json);
        assertEquals(s, Payloads.state(b(json), B01));
    }

    @Test
    void rejectsMalformedPayloads() {
        String valid = "{\"v\":1,\"site\":\"skyen\",\"booth\":\"b01\",\"bootId\":\"x\",\"seq\":1,\"at\":\"2026-11-23T15:07:16.000Z\",\"kind\":\"OCCUPIED\"}";
        List<String> bad = List.of(
                "", "{", "null", "[]", "{\"v\":1}",
                valid.replace("\"v\":1", "\"v\":2"),
                valid.replace("\"seq\":1", "\"seq\":-1"),
                valid.replace("\"seq\":1", "\"seq\":\"1\""),
                valid.replace("\"booth\":\"b01\"", "\"booth\":\"b02\""),
                valid.replace("\"site\":\"skyen\"", "\"site\":\"other\""),
                valid.replace("OCCUPIED", "DANCING"),
                valid.replace("2026-11-23T15:07:16.000Z", "yesterday"),
                valid.replace("\"kind\":\"OCCUPIED\"", "\"kind\":\"ALARM_RAISED\""),
                valid + "x",
                "[".repeat(100) + "]".repeat(100));
        for (String s : bad) {
            assertThrows(PayloadException.class, () -> Payloads.event(b(s), B01), s);
        }
        byte[] invalidUtf8 = b(valid.replace("x", "\u0001"));
        invalidUtf8[invalidUtf8.length - 5] = (byte) 0xC3;
        assertThrows(PayloadException.class, () -> Payloads.event(invalidUtf8, B01));
        assertThrows(PayloadException.class, () -> Payloads.event(new byte[Json.MAX_PAYLOAD_BYTES + 1], B01));
    }

    @Test
    void ignoresUnknownFields() throws Exception {
        String json = "{\"v\":1,\"site\":\"skyen\",\"booth\":\"b01\",\"bootId\":\"x\",\"seq\":1,"
                + "\"at\":\"2026-11-23T15:07:16.000Z\",\"kind\":\"OCCUPIED\",\"future\":{\"a\":1}}";
        assertEquals(EventKind.OCCUPIED, Payloads.event(b(json), B01).kind());
    }

    @Test
    void commandsNeedAlarmIdAndResolveNeedsReason() {
        assertThrows(PayloadException.class, () -> Payloads.command(b("{\"v\":1,\"cmd\":\"ACKNOWLEDGE\"}")));
        assertThrows(PayloadException.class, () -> Payloads.command(b("{\"v\":1,\"cmd\":\"RESOLVE\",\"alarmId\":\"a\"}")));
    }

    @Test
    void gatewayStatusWithAndWithoutRefresh() throws Exception {
        GatewayStatusPayload old = Payloads.gatewayStatus(b("{\"v\":1,\"site\":\"s\",\"gatewayId\":\"gw1\",\"online\":true,\"at\":\"2026-01-01T00:00:00.000Z\"}"));
        assertEquals(null, old.refreshS());
        assertTrue(old.online());
        GatewayStatusPayload fresh = new GatewayStatusPayload(1, "s", "gw1", true, Instant.parse("2026-01-01T00:00:00Z"), 1);
        String json = new String(Json.write(fresh), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"refreshS\":1"), json);
        assertEquals(fresh, Payloads.gatewayStatus(Json.write(fresh)));
        assertTrue(!new String(Json.write(old), StandardCharsets.UTF_8).contains("refreshS"), "old form stays as it was");
        assertThrows(PayloadException.class, () -> Payloads.gatewayStatus(b("{\"v\":1,\"site\":\"s\",\"gatewayId\":\"g\",\"online\":true,\"at\":\"2026-01-01T00:00:00.000Z\",\"refreshS\":0}")));
    }
}
