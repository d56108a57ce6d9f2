package org.boothwatch.simulator.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boothwatch.contract.Json;
import org.boothwatch.simulator.booth.BoothControl;
import org.boothwatch.simulator.scenario.BoothAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interactive control page: a row per virtual booth with buttons for every booth action and the
 * booth's live lamp and buzzer. {@code GET /api/booths} lists the rows; {@code POST
 * /api/booths/{booth}/{action}} performs one action (the words of scenario files).
 */
public final class ControlPage implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlPage.class);

    private final Javalin app;

    /** Header facts for the page: site, whether it is a training site, the display URL. */
    public record Info(String site, boolean training, String displayUrl, double speed) {}

    private ControlPage(Javalin app) {
        this.app = app;
    }

    public static ControlPage start(String bind, int port, Map<String, ? extends BoothControl> booths, Info info) {
        String html = page();
        Javalin app = Javalin.create(c -> {
            c.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            c.startup.showJavalinBanner = false;
            c.jetty.host = bind;
            c.jetty.port = port;
            c.routes.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-cache").result(html));
            c.routes.get("/api/info", ctx -> ctx.json(info));
            c.routes.get("/api/booths", ctx -> ctx.json(rows(booths)));
            c.routes.post("/api/booths/{booth}/{action}", ctx -> act(ctx, booths));
        });
        app.start();
        log.info("control page on http://{}:{}/", "0.0.0.0".equals(bind) ? "localhost" : bind, app.port());
        return new ControlPage(app);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static List<Map<String, Object>> rows(Map<String, ? extends BoothControl> booths) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BoothControl b : booths.values()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("booth", b.id());
            r.put("occupied", b.occupied());
            r.put("moving", b.moving());
            r.put("phase", b.phase().map(Enum::name).orElse(null));
            r.put("lamp", b.lamp().wire());
            r.put("buzzer", b.buzzer().wire());
            r.put("agentRunning", b.agentRunning());
            r.put("networkCut", b.networkCut());
            rows.add(r);
        }
        return rows;
    }

    private static void act(Context ctx, Map<String, ? extends BoothControl> booths) {
        BoothControl b = booths.get(ctx.pathParam("booth"));
        if (b == null) {
            ctx.status(404).json(Map.of("error", "no booth '" + ctx.pathParam("booth") + "'"));
            return;
        }
        var action = BoothAction.of(ctx.pathParam("action"));
        if (action.isEmpty()) {
            ctx.status(400).json(Map.of("error", "unknown action '" + ctx.pathParam("action") + "'; allowed: " + BoothAction.allowed()));
            return;
        }
        try {
            b.perform(action.get());
            log.info("control page: {} {}", b.id(), action.get().word);
            ctx.json(rows(Map.of(b.id(), b)).get(0));
        } catch (RuntimeException e) {
            ctx.status(409).json(Map.of("error", e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private static String page() {
        try (InputStream in = ControlPage.class.getResourceAsStream("/control/index.html")) {
            if (in == null) throw new IllegalStateException("control page file /control/index.html missing from the build");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the control page", e);
        }
    }
}
