package org.boothwatch.agent.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.AlarmType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskQueueTest {
    @TempDir
    Path dir;

    static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void keepsOrderAcrossReopenAndRemovesOnlyTheHead() {
        DiskQueue q = new DiskQueue(dir);
        q.append("t/a", b("1"));
        q.append("t/b", b("2"));
        q.append("t/a", b("3"));
        DiskQueue.Entry head = q.peek().orElseThrow();
        q.remove(head);

        DiskQueue reopened = new DiskQueue(dir); // as after an agent restart
        assertEquals(2, reopened.size());
        DiskQueue.Entry e = reopened.peek().orElseThrow();
        assertEquals("t/b", e.topic());
        assertArrayEquals(b("2"), e.payload());
        reopened.remove(e);
        reopened.append("t/c", b("4"));
        assertArrayEquals(b("3"), reopened.peek().orElseThrow().payload());
        reopened.remove(reopened.peek().orElseThrow());
        assertEquals("t/c", reopened.peek().orElseThrow().topic());
        assertThrows(IllegalStateException.class, () -> reopened.remove(e));
    }

    @Test
    void aCorruptEntryIsSetAsideNotFatal() throws Exception {
        DiskQueue q = new DiskQueue(dir);
        q.append("t/a", b("1"));
        Files.writeString(dir.resolve("00000000000000000002.msg"), "{garbage");
        DiskQueue reopened = new DiskQueue(dir);
        assertEquals(1, reopened.size());
        assertTrue(Files.exists(dir.resolve("00000000000000000002.msg.bad")));
        reopened.append("t/b", b("2"));
        assertEquals(2, reopened.size());
    }

    @Test
    void activeAlarmsRoundTrip() {
        ActiveAlarmStore s = new ActiveAlarmStore(dir.resolve("x/active-alarms.json"));
        assertEquals(List.of(), s.load());
        AlarmInfo a = AlarmInfo.raised("boot-1", AlarmType.PANIC, Instant.parse("2026-01-01T00:00:00Z"));
        s.save(List.of(a));
        assertEquals(List.of(a), new ActiveAlarmStore(dir.resolve("x/active-alarms.json")).load());
    }
}
