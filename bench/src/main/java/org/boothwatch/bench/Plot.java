package org.boothwatch.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The latency distribution as a percentile plot (x: percentile on a 1/(1-p) log scale up to 99.99 %,
 * y: milliseconds on a log scale), drawn with java.awt in headless mode.
 */
final class Plot {
    record Series(String label, Stats stats, Color color, boolean dashed) {}

    private static final int W = 1000;
    private static final int H = 620;
    private static final int L = 80;
    private static final int R = 260;
    private static final int T = 50;
    private static final int B = 60;

    private Plot() {}

    static void write(Path file, String title, List<Series> series) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double yMin = 0.1;
        double yMax = 10;
        for (Series s : series) {
            if (s.stats().count() > 0) yMax = Math.max(yMax, s.stats().maxMs() * 1.3);
            if (s.stats().count() > 0) yMin = Math.min(yMin, Math.max(0.01, s.stats().ms(0) * 0.8));
        }
        double xMax = 4; // log10(1/(1-0.9999))
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(new Color(230, 230, 230));
        for (double d = Math.pow(10, Math.floor(Math.log10(yMin))); d <= yMax; d *= 10) {
            for (int k = 1; k <= 9; k++) {
                double v = d * k;
                if (v < yMin || v > yMax) continue;
                int y = y(v, yMin, yMax);
                g.setColor(k == 1 ? new Color(200, 200, 200) : new Color(238, 238, 238));
                g.drawLine(L, y, W - R, y);
                if (k == 1) {
                    g.setColor(Color.DARK_GRAY);
                    g.drawString(v >= 1 ? String.format("%.0f ms", v) : String.format("%.2f ms", v), 8, y + 5);
                }
            }
        }
        String[] xl = {"0%", "90%", "99%", "99.9%", "99.99%"};
        for (int i = 0; i <= 4; i++) {
            int x = x(i, xMax);
            g.setColor(new Color(200, 200, 200));
            g.drawLine(x, T, x, H - B);
            g.setColor(Color.DARK_GRAY);
            g.drawString(xl[i], x - 14, H - B + 20);
        }
        g.drawString("percentile", (L + W - R) / 2 - 30, H - 15);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, L, 30);
        g.setColor(Color.BLACK);
        g.drawRect(L, T, W - R - L, H - T - B);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int ly = T + 10;
        for (Series s : series) {
            g.setColor(s.color());
            g.setStroke(s.dashed() ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(2.2f));
            int px = -1;
            int py = -1;
            for (double[] p : s.stats().percentileCurve()) {
                double pct = Math.min(p[0], 99.99);
                double xv = Math.log10(1 / (1 - pct / 100.0));
                int x = x(xv, xMax);
                int y = y(Math.max(p[1], yMin), yMin, yMax);
                if (px >= 0) g.drawLine(px, py, x, y);
                px = x;
                py = y;
            }
            g.drawLine(W - R + 15, ly, W - R + 45, ly);
            g.setColor(Color.BLACK);
            g.drawString(s.label(), W - R + 52, ly + 5);
            ly += 22;
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static int x(double v, double xMax) {
        return L + (int) Math.round(v / xMax * (W - R - L));
    }

    private static int y(double v, double yMin, double yMax) {
        double f = (Math.log10(v) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin));
        return H - B - (int) Math.round(f * (H - T - B));
    }
}
