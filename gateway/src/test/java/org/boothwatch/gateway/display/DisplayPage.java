package org.boothwatch.gateway.display;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** What the browser test reads from and does on the wall display page (web/index.html). */
final class DisplayPage {
    private final WebDriver driver;

    DisplayPage(WebDriver driver) {
        this.driver = driver;
    }

    void open(int port) {
        driver.get("http://127.0.0.1:" + port + "/");
    }

    /** The stream is connected and not stale. */
    boolean live() {
        return "LIVE".equals(text(By.id("live"))) && !staleShown();
    }

    /** The calm "No active alarms" line, empty while hidden. */
    String calmText() {
        return text(By.id("no-alarms"));
    }

    boolean staleShown() {
        WebElement e = one(By.id("stale-overlay"));
        return e != null && e.isDisplayed() && e.getText().contains("DISPLAY NOT UPDATING");
    }

    /** The tile's class list, or null when the booth has no tile. */
    String tileClass(String booth) {
        WebElement e = one(By.cssSelector("#booths .tile[data-booth='" + booth + "']"));
        return e == null ? null : e.getAttribute("class");
    }

    boolean tileHas(String booth, String cls) {
        return hasClass(tileClass(booth), cls);
    }

    boolean bannerHas(String alarmId, String cls) {
        return hasClass(bannerClass(alarmId), cls);
    }

    static boolean hasClass(String classes, String cls) {
        return classes != null && List.of(classes.trim().split("\\s+")).contains(cls);
    }

    String tileText(String booth) {
        WebElement e = one(By.cssSelector("#booths .tile[data-booth='" + booth + "']"));
        return e == null ? "" : e.getText();
    }

    WebElement banner(String alarmId) {
        return one(By.cssSelector("#alarm-list .alarm[data-alarm-id='" + alarmId + "']"));
    }

    String bannerClass(String alarmId) {
        WebElement e = banner(alarmId);
        return e == null ? null : e.getAttribute("class");
    }

    String bannerText(String alarmId) {
        WebElement e = banner(alarmId);
        return e == null ? "" : e.getText();
    }

    /** Ids of the alarm banners, top to bottom. */
    List<String> bannerOrder() {
        return driver.findElements(By.cssSelector("#alarm-list .alarm")).stream()
                .map(e -> e.getAttribute("data-alarm-id")).toList();
    }

    /** The alarm tone the page has chosen: none, HIGH, HIGH-escalated, MEDIUM, LOW, STALE. */
    String sound() {
        return driver.findElement(By.tagName("body")).getAttribute("data-sound");
    }

    /** The page asks for the one "enable sound" gesture when the browser has not allowed audio yet. */
    void enableSoundIfAsked() {
        WebElement overlay = one(By.id("sound-overlay"));
        if (overlay != null && overlay.isDisplayed()) driver.findElement(By.id("sound-enable")).click();
    }

    boolean audioRunning() {
        Object r = ((JavascriptExecutor) driver).executeScript(
                "return window.boothwatch && window.boothwatch.audioState ? window.boothwatch.audioState() : null");
        return "running".equals(r);
    }

    void acknowledge(String alarmId) {
        banner(alarmId).findElement(By.cssSelector("button.ack")).click();
    }

    /** Opens the resolve dialog; true when RESOLVE is refused until a reason is given. */
    boolean openResolveNeedsReason(String alarmId) {
        banner(alarmId).findElement(By.cssSelector("button.resolve")).click();
        return driver.findElement(By.id("resolve-dialog")).isDisplayed()
                && !driver.findElement(By.id("resolve-submit")).isEnabled();
    }

    void resolveWith(String reason) {
        WebElement text = driver.findElement(By.id("resolve-reason"));
        text.clear();
        text.sendKeys(reason);
        driver.findElement(By.id("resolve-submit")).click();
    }

    boolean tokenDialogShown() {
        return driver.findElement(By.id("token-dialog")).isDisplayed();
    }

    void saveToken(String token) {
        WebElement in = driver.findElement(By.id("token-input"));
        in.clear();
        in.sendKeys(token);
        driver.findElement(By.cssSelector("#token-form button[type=submit]")).click();
    }

    /** Opens the booth details dialog from the tile's small "details" button. */
    void openDetails(String booth) {
        driver.findElement(By.cssSelector("#booths .tile[data-booth='" + booth + "'] button.t-more")).click();
    }

    boolean detailsShown() {
        return driver.findElement(By.id("booth-dialog")).isDisplayed();
    }

    String detailsText() {
        return driver.findElement(By.id("booth-dialog")).getText();
    }

    void clickTestBooth() {
        driver.findElement(By.id("booth-test")).click();
    }

    void closeDetails() {
        driver.findElement(By.id("booth-close")).click();
    }

    /** The test badge on the tile, empty when none (or faded). */
    String tileTest(String booth) {
        WebElement e = one(By.cssSelector("#booths .tile[data-booth='" + booth + "'] .t-test"));
        return e == null || !e.isDisplayed() ? "" : e.getText();
    }

    /** The permanent training-site banner is on screen (its text), or null when not shown. */
    String trainingBanner() {
        WebElement e = one(By.id("training-banner"));
        return e != null && e.isDisplayed() ? e.getText() : null;
    }

    /** The TRAINING tag of an alarm row, empty when it has none (or it is hidden). */
    String bannerTrainingTag(String alarmId) {
        WebElement row = banner(alarmId);
        if (row == null) return "";
        List<WebElement> tags = row.findElements(By.cssSelector(".a-training"));
        return tags.isEmpty() || !tags.get(0).isDisplayed() ? "" : tags.get(0).getText();
    }

    /** The TRAINING tag of a booth tile, empty when it has none (or it is hidden). */
    String tileTrainingTag(String booth) {
        WebElement e = one(By.cssSelector("#booths .tile[data-booth='" + booth + "'] .t-training"));
        return e == null || !e.isDisplayed() ? "" : e.getText();
    }

    String title() {
        return driver.getTitle();
    }

    String text(By by) {
        WebElement e = one(by);
        return e == null ? null : e.getText();
    }

    private WebElement one(By by) {
        List<WebElement> all = driver.findElements(by);
        return all.isEmpty() ? null : all.get(0);
    }
}
