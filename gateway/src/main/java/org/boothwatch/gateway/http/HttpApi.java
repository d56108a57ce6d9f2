package org.boothwatch.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boothwatch.contract.Json;
import org.boothwatch.gateway.Gateway;
import org.boothwatch.gateway.config.GatewayConfig;
import org.boothwatch.gateway.report.Report;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP API of CONTRACT §6 and the display's static files (classpath folder {@code /web}). */
public final class HttpApi {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    private static final int MAX_TEXT = 200;

    private final Javalin app;

    private HttpApi(Javalin app) {
        this.app = app;
    }

    public static HttpApi start(Gateway gw, GatewayConfig cfg) {
        boolean web = HttpApi.class.getResource("/web/index.html") != null;
        Javalin app = Javalin.create(c -> {
            c.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            c.startup.showJavalinBanner = false;
            c.jetty.host = cfg.httpBind();
            c.jetty.port = cfg.httpPort();
            if (web) {
                c.staticFiles.add(sf -> {
                    sf.hostedPath = "/";
                    sf.directory = "/web";
                    sf.location = Location.CLASSPATH;
                    sf.headers = Map.of("Cache-Control", "no-cache");
                });
            }
            c.routes.before("/api/alarms/*", ctx -> {
                if (ctx.method() == HandlerType.POST) authorize(ctx, cfg.staffToken());
            });
            c.routes.before("/api/booths/*", ctx -> {
                if (ctx.method() == HandlerType.POST) authorize(ctx, cfg.staffToken());
            });
            c.routes.get("/", ctx -> index(ctx, web));
            c.routes.get("/api/booths", ctx -> ctx.json(gw.booths()));
            c.routes.get("/api/alarms", ctx -> alarms(ctx, gw));
            c.routes.post("/api/alarms/{id}/ack", ctx -> {
                JsonNode body = body(ctx);
                outcome(ctx, gw.acknowledge(ctx.pathParam("id"), text(body, "by")));
            });
            c.routes.post("/api/alarms/{id}/resolve", ctx -> {
                JsonNode body = body(ctx);
                outcome(ctx, gw.resolve(ctx.pathParam("id"), text(body, "by"), text(body, "reason")));
            });
            c.routes.post("/api/booths/{booth}/test", ctx -> {
                JsonNode body = body(ctx);
                Gateway.TestOutcome o = gw.test(ctx.pathParam("booth"), text(body, "by"));
                if (o.error() == null) ctx.status(o.status()).json(o.booth());
                else ctx.status(o.status()).json(o.booth() == null ? Map.of("error", o.error()) : Map.of("error", o.error(), "booth", o.booth()));
            });
            c.routes.sse("/api/stream", client -> {
                client.keepAlive();
                gw.addStream(client);
            });
            c.routes.get("/api/report", ctx -> report(ctx, gw, accepts(ctx, "text/csv")));
            c.routes.get("/api/report.csv", ctx -> report(ctx, gw, true));
            c.routes.get("/healthz", ctx -> {
                List<String> problems = gw.problems();
                ctx.status(problems.isEmpty() ? 200 : 503).json(problems.isEmpty()
                        ? Map.of("status", "ok", "site", cfg.site(), "gatewayId", cfg.gatewayId())
                        : Map.of("status", "unhealthy", "problems", problems));
            });
            c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(gw.metrics().render()));
            c.routes.exception(BadRequestResponse.class, (e, ctx) -> ctx.status(400).json(Map.of("error", e.getMessage())));
        });
        app.start();
        log.info("HTTP on {}:{}{}", cfg.httpBind(), app.port(), web ? "" : " (display files not installed: /web missing)");
        return new HttpApi(app);
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }

    private static void index(Context ctx, boolean web) throws IOException {
        if (!web) {
            ctx.status(503).result("display files (/web/index.html) are not in this build");
            return;
        }
        try (InputStream in = HttpApi.class.getResourceAsStream("/web/index.html")) {
            ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-cache")
                    .result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static void authorize(Context ctx, String token) {
        if (token == null) return;
        String given = ctx.header("X-Staff-Token");
        String auth = ctx.header("Authorization");
        if (given == null && auth != null && auth.startsWith("Bearer ")) given = auth.substring(7).trim();
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            log.warn("refused {} {}: missing or wrong staff token", ctx.method(), ctx.path());
            throw new UnauthorizedResponse("staff token required");
        }
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode n = Json.MAPPER.readTree(ctx.body());
            if (n == null || !n.isObject()) throw new BadRequestResponse("body must be a JSON object");
            return n;
        } catch (IOException e) {
            throw new BadRequestResponse("body is not valid JSON");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) throw new BadRequestResponse("'" + field + "' is required (a non-empty string)");
        String s = v.asText().strip();
        if (s.length() > MAX_TEXT) throw new BadRequestResponse("'" + field + "' is longer than " + MAX_TEXT + " characters");
        return s;
    }

    private static void outcome(Context ctx, Gateway.Outcome o) {
        if (o.status() == 200) {
            ctx.json(o.alarm());
        } else {
            ctx.status(o.status()).json(o.alarm() == null ? Map.of("error", o.error()) : Map.of("error", o.error(), "alarm", o.alarm()));
        }
    }

    private static void alarms(Context ctx, Gateway gw) throws Exception {
        String from = ctx.queryParam("from");
        String to = ctx.queryParam("to");
        String state = ctx.queryParam("state");
        if (from == null && to == null) {
            if (state != null && !state.equals("active")) throw new BadRequestResponse("state must be 'active'");
            ctx.json(gw.activeAlarms());
            return;
        }
        Instant a = from == null ? Instant.EPOCH : instant("from", from, false);
        Instant b = to == null ? Instant.parse("9999-12-31T00:00:00Z") : instant("to", to, true);
        int limit = limit(ctx.queryParam("limit"));
        String after = ctx.queryParam("after");
        Gateway.AlarmPage page = gw.alarmsRaised(a, b, after == null || after.isBlank() ? null : after, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("serverTime", page.serverTime());
        body.put("alarms", page.alarms());
        body.put("truncated", page.more());
        if (page.more()) {
            String last = page.alarms().get(page.alarms().size() - 1).id();
            body.put("next", "/api/alarms?from=" + enc(from == null ? a.toString() : from) + "&to=" + enc(to == null ? b.toString() : to)
                    + "&limit=" + limit + "&after=" + enc(last));
        }
        ctx.json(body);
    }

    /** Alarms per history page: the whole history of a busy year does not fit the gateway's heap. */
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    private static int limit(String v) {
        if (v == null) return DEFAULT_LIMIT;
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= MAX_LIMIT) return n;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestResponse("limit='" + v + "' must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static String enc(String v) {
        return java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code YYYY-MM-DD} (a whole UTC day; {@code to} inclusive) or an ISO instant. */
    private static Instant instant(String name, String v, boolean end) {
        try {
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                return (end ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new BadRequestResponse(name + "='" + v + "' is not a date (YYYY-MM-DD) or an ISO-8601 instant");
        }
    }

    private static void report(Context ctx, Gateway gw, boolean csv) throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate from = date("from", ctx.queryParam("from"), today);
        LocalDate to = date("to", ctx.queryParam("to"), from.isAfter(today) ? from : today);
        if (to.isBefore(from)) throw new BadRequestResponse("to is before from");
        if (from.plusDays(366).isBefore(to)) throw new BadRequestResponse("at most 366 days per report");
        Report.Result r = gw.report(from, to);
        if (csv) {
            ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "inline; filename=\"report.csv\"").result(Report.csv(r));
        } else {
            ctx.json(r);
        }
    }

    private static LocalDate date(String name, String v, LocalDate dflt) {
        if (v == null || v.isEmpty()) return dflt;
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new BadRequestResponse(name + "='" + v + "' is not a date YYYY-MM-DD");
        }
    }

    private static boolean accepts(Context ctx, String type) {
        String a = ctx.header("Accept");
        return a != null && a.contains(type);
    }
}
