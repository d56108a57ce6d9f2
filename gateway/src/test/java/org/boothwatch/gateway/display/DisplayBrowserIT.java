package org.boothwatch.gateway.display;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.CommandPayload;
import org.boothwatch.contract.CommandType;
import org.boothwatch.contract.ManualTimeSource;
import org.boothwatch.contract.Phase;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.gateway.it.FakeBooth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.OutputType;

/**
 * The wall display in a real browser (Debian's headless Chromium) against a real gateway with its
 * embedded broker; booths are plain Paho clients publishing contract payloads.
 * {@code -Ddisplay.screenshot=true} also renders a busy site and saves docs/display.png (1920x1080).
 */
class DisplayBrowserIT extends DisplayTestBase {
    static final String SITE = "display-it";

    private void startGateway(String staffToken) {
        startGateway(staffToken, TimeSource.SYSTEM);
    }

    private void startGateway(String staffToken, TimeSource time) {
        startGateway(SITE, staffToken, time);
    }

    @Test
    void showsPanicWithinOneSecondAcknowledgesAndResolvesToTheBoothAndWarnsWhenFrozen() throws Exception {
        startGateway(null);
        openDisplay();
        FakeBooth b01 = booth("b01", "0.1.0");
        Instant now = Instant.now();
        b01.state(Phase.OCCUPIED, now.minusSeconds(200), now.minusSeconds(5), List.of());
        await("tile b01").atMost(5, TimeUnit.SECONDS).until(() -> page.tileClass("b01") != null);
        assertEquals("none", page.sound(), "quiet display before any alarm");
        assertEquals("No active alarms", page.calmText());

        AlarmInfo panic = AlarmInfo.raised(b01.newAlarmId(), AlarmType.PANIC, Instant.now());
        long t0 = System.nanoTime();
        b01.raise(panic, Phase.ALARM, now.minusSeconds(200), now.minusSeconds(5));
        await("PANIC on tile and banner within 1 s").atMost(1, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(25))
                .until(() -> page.tileHas("b01", "phase-ALARM") && page.bannerHas(panic.id(), "unacked"));
        long shownMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        String banner = page.bannerText(panic.id());
        assertTrue(banner.contains("b01") && banner.contains("PANIC BUTTON") && banner.contains("NOT ACKNOWLEDGED"), banner);
        assertTrue(page.bannerHas(panic.id(), "prio-HIGH"), page.bannerClass(panic.id()));
        assertTrue(page.tileText("b01").contains("ALARM"), page.tileText("b01"));
        await("HIGH alarm tone chosen").atMost(2, TimeUnit.SECONDS).until(() -> page.sound().startsWith("HIGH"));

        page.acknowledge(panic.id());
        CommandPayload cmd = b01.commands.poll(5, TimeUnit.SECONDS);
        assertNotNull(cmd, "booth received no cmd after the display's acknowledge");
        assertEquals(CommandType.ACKNOWLEDGE, cmd.cmd());
        assertEquals(panic.id(), cmd.alarmId());
        assertEquals("wall display", cmd.by());
        await("banner acknowledged").atMost(3, TimeUnit.SECONDS)
                .until(() -> page.bannerHas(panic.id(), "acked")
                        && page.bannerText(panic.id()).contains("ACKNOWLEDGED by wall display"));
        await("tone stops once acknowledged").atMost(2, TimeUnit.SECONDS).until(() -> "none".equals(page.sound()));

        assertTrue(page.openResolveNeedsReason(panic.id()), "RESOLVE must need a reason");
        page.resolveWith("person responsive, walked out");
        CommandPayload resolve = b01.commands.poll(5, TimeUnit.SECONDS);
        assertNotNull(resolve, "booth received no cmd after the display's resolve");
        assertEquals(CommandType.RESOLVE, resolve.cmd());
        assertEquals(panic.id(), resolve.alarmId());
        assertEquals("person responsive, walked out", resolve.reason());
        await("banner gone once resolved").atMost(3, TimeUnit.SECONDS).until(() -> page.banner(panic.id()) == null);
        assertEquals(List.of(), chromium.severeSinceLastCall(), "browser errors while live:\n" + chromium.allLogs());

        long t1 = System.nanoTime();
        gateway.close();
        long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
        // 6 s from the moment the gateway began to stop, not from when close() returned.
        await("DISPLAY NOT UPDATING within 6 s").atMost(Duration.ofMillis(Math.max(0, 6000 - closeMs)))
                .pollInterval(Duration.ofMillis(100)).until(page::staleShown);
        long staleMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
        assertEquals("STALE", page.sound(), "a frozen display without known alarms sounds its own tone");
        List<String> errors = chromium.severeSinceLastCall().stream()
                .filter(m -> !(m.contains("/api/stream") || m.contains("ERR_CONNECTION_REFUSED"))).toList();
        assertEquals(List.of(), errors, "browser errors after the gateway stopped");
        System.out.printf("display: PANIC shown after %d ms; DISPLAY NOT UPDATING %d ms after the gateway began to stop"
                + " (close took %d ms)%n", shownMs, staleMs, closeMs);
    }

    @Test
    void withAStaffTokenTheDisplayIsReadOnlyUntilTheTokenIsTypedOnce() throws Exception {
        startGateway("s3cret-token");
        openDisplay();
        FakeBooth b02 = booth("b02", "0.1.0");
        Instant now = Instant.now();
        AlarmInfo panic = b02.raise(AlarmInfo.raised(b02.newAlarmId(), AlarmType.PANIC, now),
                Phase.ALARM, now.minusSeconds(60), now.minusSeconds(30));
        await("banner").atMost(5, TimeUnit.SECONDS).until(() -> page.bannerHas(panic.id(), "unacked"));

        page.acknowledge(panic.id());
        await("token asked for").atMost(3, TimeUnit.SECONDS).until(page::tokenDialogShown);
        assertTrue(page.bannerHas(panic.id(), "unacked"), "refused ack must leave the alarm unacknowledged");
        assertEquals(null, b02.commands.poll(300, TimeUnit.MILLISECONDS), "no cmd without the token");

        page.saveToken("s3cret-token");
        CommandPayload cmd = b02.commands.poll(5, TimeUnit.SECONDS);
        assertNotNull(cmd, "the acknowledge is retried with the token");
        assertEquals(CommandType.ACKNOWLEDGE, cmd.cmd());
        await("banner acknowledged").atMost(3, TimeUnit.SECONDS).until(() -> page.bannerHas(panic.id(), "acked"));
        List<String> errors = chromium.severeSinceLastCall().stream().filter(m -> !m.contains("401")).toList();
        assertEquals(List.of(), errors, "browser errors besides the expected 401");
    }

    @Test
    void testBoothFromTheDetailsDialogShowsPassThenAnUnansweredTestShowsFail() throws Exception {
        ManualTimeSource time = new ManualTimeSource(Instant.now());
        startGateway(null, time);
        openDisplay();
        FakeBooth b01 = booth("b01", "0.3.0");
        FakeBooth b02 = booth("b02", "0.3.0");
        b01.state(Phase.VACANT, null, null, List.of());
        b02.state(Phase.VACANT, null, null, List.of());
        await("tiles").atMost(5, TimeUnit.SECONDS).until(() -> page.tileClass("b01") != null && page.tileClass("b02") != null);
        assertEquals("", page.tileTest("b01"), "no test badge before a test");

        page.openDetails("b01");
        await("details dialog").atMost(2, TimeUnit.SECONDS).until(page::detailsShown);
        String facts = page.detailsText();
        assertTrue(facts.contains("0.3.0") && facts.contains("alarmAfter 180s") && facts.contains("warnAfter 120s"), facts);
        page.clickTestBooth();
        CommandPayload cmd = b01.commands.poll(5, TimeUnit.SECONDS);
        assertNotNull(cmd, "the booth received no TEST from the display");
        assertEquals(CommandType.TEST, cmd.cmd());
        assertEquals("wall display", cmd.by());
        await("testing… shown").atMost(3, TimeUnit.SECONDS)
                .until(() -> page.detailsText().contains("TESTING") && page.tileTest("b01").contains("TESTING"));
        b01.testResult(true, "inputs ok; faults: none; lamp flashing for 3s, buzzer beep 500ms");
        await("PASS shown with the details").atMost(3, TimeUnit.SECONDS)
                .until(() -> page.detailsText().contains("TEST PASS") && page.detailsText().contains("buzzer beep 500ms")
                        && page.tileTest("b01").equals("TEST PASS"));
        page.closeDetails();
        assertTrue(!page.detailsShown());

        page.openDetails("b02");
        page.clickTestBooth();
        assertNotNull(b02.commands.poll(5, TimeUnit.SECONDS), "b02 received no TEST");
        await("b02 testing").atMost(3, TimeUnit.SECONDS).until(() -> page.tileTest("b02").contains("TESTING"));
        time.advance(org.boothwatch.gateway.model.SiteModel.TEST_ANSWER_WITHIN);
        await("no answer shown as FAIL").atMost(3, TimeUnit.SECONDS)
                .until(() -> page.tileTest("b02").equals("TEST FAIL — NO ANSWER")
                        && page.detailsText().contains("no answer from the booth"));
        assertEquals("TEST PASS", page.tileTest("b01"), "the other booth's result is unchanged");
        assertEquals(List.of(), chromium.severeSinceLastCall(), "browser errors:\n" + chromium.allLogs());
    }

    @Test
    @EnabledIfSystemProperty(named = "display.screenshot", matches = "true")
    void screenshotOfABusySite() throws Exception {
        startGateway(null);
        openDisplay();
        Scene scene = new Scene();
        scene.build();
        await("scene on screen").atMost(15, TimeUnit.SECONDS).until(scene::shown);
        assertEquals(List.of(scene.panic.id(), scene.inactivity.id(), scene.stillness.id(), scene.sensor.id()),
                page.bannerOrder().stream().filter(id -> !id.startsWith("gw-")).toList(),
                "HIGH before MEDIUM before LOW, oldest first");
        Path png = repoRoot().resolve("docs/display.png");
        Files.createDirectories(png.getParent());
        Files.write(png, chromium.driver.getScreenshotAs(OutputType.BYTES));
        assertEquals(List.of(), chromium.severeSinceLastCall(), "browser errors:\n" + chromium.allLogs());
        System.out.println("display: screenshot saved to " + png);
    }

    /** Twelve booths: vacant, occupied, an escalated PANIC, an acknowledged alarm of an unreachable booth. */
    private final class Scene {
        AlarmInfo panic;
        AlarmInfo inactivity;
        AlarmInfo stillness;
        AlarmInfo sensor;

        void build() throws Exception {
            Instant now = Instant.now();
            for (int i = 1; i <= 12; i++) {
                String id = String.format("b%02d", i);
                FakeBooth b = booth(id, i == 12 ? "0.2.0" : "0.1.0");
                switch (id) {
                    case "b02" -> b.state(Phase.OCCUPIED, now.minusSeconds(372), now.minusSeconds(8), List.of());
                    case "b03" -> panic = b.raise(AlarmInfo.raised(b.newAlarmId(), AlarmType.PANIC, now.minusSeconds(47)),
                            Phase.ALARM, now.minusSeconds(610), now.minusSeconds(50));
                    case "b05" -> stillness = b.raise(AlarmInfo.raised(b.newAlarmId(), AlarmType.STILLNESS, now.minusSeconds(6)),
                            Phase.STILL, now.minusSeconds(260), now.minusSeconds(126));
                    case "b06" -> b.state(Phase.OCCUPIED, now.minusSeconds(75), now.minusSeconds(3), List.of());
                    case "b07" -> inactivity = b.raise(AlarmInfo.raised(b.newAlarmId(), AlarmType.INACTIVITY, now.minusSeconds(12)),
                            Phase.ALARM, now.minusSeconds(1300), now.minusSeconds(192));
                    case "b09" -> b.state(Phase.OCCUPIED, now.minusSeconds(1330), now.minusSeconds(20), List.of());
                    case "b10" -> sensor = b.raise(AlarmInfo.raised(b.newAlarmId(), AlarmType.SENSOR_FAULT, now.minusSeconds(4)),
                            Phase.OCCUPIED, now.minusSeconds(44), now.minusSeconds(2));
                    default -> b.state(Phase.VACANT, null, now.minusSeconds(900), List.of());
                }
            }
            // b07's network dies (Last Will), then staff acknowledge: "acknowledged, booth unreachable".
            await().atMost(5, TimeUnit.SECONDS).until(() -> page.banner(inactivity.id()) != null);
            booths.stream().filter(b -> b.booth.equals("b07")).findFirst().orElseThrow().crash();
            await("b07 offline").atMost(10, TimeUnit.SECONDS)
                    .until(() -> page.tileHas("b07", "offline"));
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + gateway.httpPort() + "/api/alarms/" + inactivity.id() + "/ack"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"Sam\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
        }

        boolean shown() {
            return page.bannerHas(panic.id(), "escalated") && page.bannerHas(panic.id(), "unacked")
                    && page.bannerHas(inactivity.id(), "acked") && page.bannerHas(inactivity.id(), "unreachable")
                    && page.banner(stillness.id()) != null && page.banner(sensor.id()) != null
                    && page.tileClass("b12") != null && page.live();
        }
    }

    private FakeBooth booth(String id, String version) throws Exception {
        return booth(SITE, id, version);
    }

    /** The repository root: the nearest folder up from the module with the parent pom and docs/. */
    private static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        for (Path q = p; q != null; q = q.getParent()) {
            if (Files.isRegularFile(q.resolve("pom.xml")) && Files.isDirectory(q.resolve("contract"))) return q;
        }
        return p;
    }
}
