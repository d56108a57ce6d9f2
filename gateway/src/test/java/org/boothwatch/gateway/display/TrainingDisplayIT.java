package org.boothwatch.gateway.display;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.Phase;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.gateway.it.FakeBooth;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;

/**
 * A training site's wall display in a real browser: the permanent TRAINING banner, a TRAINING tag on every alarm
 * row and booth tile; a normal site's shows none of them. Saves target/training-display.png (1920x1080).
 */
class TrainingDisplayIT extends DisplayTestBase {
    private void startGateway(String site) {
        startGateway(site, null, TimeSource.SYSTEM);
        openDisplay();
    }

    /** Four booths: a PANIC at b02, a STILLNESS warning at b03, b01 occupied, b04 vacant. */
    private List<AlarmInfo> scene(String site) throws Exception {
        Instant now = Instant.now();
        List<AlarmInfo> alarms = new ArrayList<>();
        for (String id : List.of("b01", "b02", "b03", "b04")) {
            FakeBooth b = booth(site, id, "0.1.0");
            switch (id) {
                case "b01" -> b.state(Phase.OCCUPIED, now.minusSeconds(300), now.minusSeconds(4), List.of());
                case "b02" -> alarms.add(b.raise(AlarmInfo.raised(b.newAlarmId(), AlarmType.PANIC, now.minusSeconds(9)),
                        Phase.ALARM, now.minusSeconds(400), now.minusSeconds(12)));
                case "b03" -> alarms.add(b.raise(AlarmInfo.raised(b.newAlarmId(), AlarmType.STILLNESS, now.minusSeconds(3)),
                        Phase.STILL, now.minusSeconds(500), now.minusSeconds(123)));
                default -> b.state(Phase.VACANT, null, now.minusSeconds(900), List.of());
            }
        }
        await("scene on screen").atMost(10, TimeUnit.SECONDS).until(() -> alarms.stream().allMatch(a -> page.banner(a.id()) != null)
                && page.tileClass("b04") != null);
        return alarms;
    }

    @Test
    void aTrainingSiteShowsThePermanentBannerAndATagOnEveryAlarmAndTile() throws Exception {
        startGateway("training");
        await("TRAINING banner").atMost(5, TimeUnit.SECONDS).until(() -> page.trainingBanner() != null);
        assertTrue(page.trainingBanner().startsWith("TRAINING"), page.trainingBanner());
        assertTrue(page.trainingBanner().contains("drill"), page.trainingBanner());
        assertTrue(page.title().startsWith("TRAINING"), page.title());

        List<AlarmInfo> alarms = scene("training");
        for (AlarmInfo a : alarms) {
            await("TRAINING tag on " + a.type()).atMost(3, TimeUnit.SECONDS).until(() -> "TRAINING".equals(page.bannerTrainingTag(a.id())));
            assertTrue(page.bannerHas(a.id(), "training"), page.bannerClass(a.id()));
            assertTrue(page.bannerText(a.id()).contains("TRAINING"), page.bannerText(a.id()));
        }
        for (String b : List.of("b01", "b02", "b03", "b04")) {
            assertEquals("TRAINING", page.tileTrainingTag(b), "tile " + b);
            assertTrue(page.tileHas(b, "training"), page.tileClass(b));
        }
        assertTrue(page.sound().startsWith("HIGH"), "a drill still sounds like the real thing: " + page.sound());
        assertTrue(page.trainingBanner() != null, "the banner stays while alarms are shown");

        Path png = Path.of("target", "training-display.png").toAbsolutePath();
        Files.createDirectories(png.getParent());
        Files.write(png, chromium.driver.getScreenshotAs(OutputType.BYTES));
        System.out.println("display: training-site screenshot saved to " + png);
        assertEquals(List.of(), chromium.severeSinceLastCall(), "browser errors:\n" + chromium.allLogs());
    }

    @Test
    void aNormalSiteShowsNoTrainingBannerOrTag() throws Exception {
        startGateway("skyen");
        List<AlarmInfo> alarms = scene("skyen");
        assertNull(page.trainingBanner(), "no training banner at a real site");
        assertTrue(!page.title().contains("TRAINING"), page.title());
        for (AlarmInfo a : alarms) {
            assertEquals("", page.bannerTrainingTag(a.id()), "alarm " + a.type());
            assertTrue(!page.bannerHas(a.id(), "training"), page.bannerClass(a.id()));
        }
        for (String b : List.of("b01", "b02", "b03", "b04")) assertEquals("", page.tileTrainingTag(b), "tile " + b);
        assertEquals(List.of(), chromium.severeSinceLastCall(), "browser errors:\n" + chromium.allLogs());
    }
}
