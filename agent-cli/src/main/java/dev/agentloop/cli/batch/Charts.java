package dev.agentloop.cli.batch;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for the batch report: horizontal bars, a stacked histogram and a step line against a limit. Each
 * is a complete {@code <svg>} element with a {@code <title>}, sized by its view box so the page scales it.
 */
final class Charts {

    static final String SOLVED_COLOUR = "#2e7d32";
    static final String UNSOLVED_COLOUR = "#c62828";
    static final String NEUTRAL_COLOUR = "#1565c0";

    private static final int WIDTH = 640;

    private Charts() {}

    /** One bar. */
    record Bar(String label, double value, String text) {}

    /** One histogram bin with its solved and unsolved counts. */
    record Bin(String label, int solved, int unsolved) {}

    /** One point of a line, x in seconds from the start. */
    record Point(double x, double y) {}

    /** Horizontal bars from 0 to {@code max}, one per row, with the value written at the bar's end. */
    static String bars(String id, String title, List<Bar> bars, double max, String colour) {
        int row = 26;
        int labelWidth = 190;
        int height = Math.max(1, bars.size()) * row + 10;
        StringBuilder s = open(id, title, height);
        double scale = max <= 0 ? 0 : (WIDTH - labelWidth - 130) / max;
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = 5 + i * row;
            double w = Math.max(0, b.value() * scale);
            s.append(text(labelWidth - 8, y + 17, "end", cut(b.label(), 28)));
            s.append(String.format(
                    Locale.ROOT,
                    "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %s</title></rect>",
                    labelWidth,
                    y + 3,
                    w,
                    row - 8,
                    colour,
                    Html.escape(b.label()),
                    Html.escape(b.text())));
            s.append(text((int) (labelWidth + w + 6), y + 17, "start", b.text()));
        }
        return s.append("</svg>").toString();
    }

    /** A histogram whose columns stack solved (below) and not solved (above) instances. */
    static String histogram(String id, String title, List<Bin> bins, String xLabel) {
        int height = 230;
        int left = 40;
        int bottom = height - 40;
        int top = 15;
        StringBuilder s = open(id, title, height);
        int max = bins.stream().mapToInt(b -> b.solved() + b.unsolved()).max().orElse(0);
        double slot = bins.isEmpty() ? 0 : (double) (WIDTH - left - 10) / bins.size();
        double scale = max == 0 ? 0 : (double) (bottom - top) / max;
        s.append(axis(left, top, bottom));
        s.append(text(left - 6, top + 8, "end", Integer.toString(max)));
        s.append(text(left - 6, bottom, "end", "0"));
        for (int i = 0; i < bins.size(); i++) {
            Bin b = bins.get(i);
            double x = left + i * slot + slot * 0.15;
            double w = slot * 0.7;
            double hs = b.solved() * scale;
            double hu = b.unsolved() * scale;
            s.append(rect(
                    "bar solved", x, bottom - hs, w, hs, SOLVED_COLOUR, b.label() + ": " + b.solved() + " solved"));
            s.append(rect(
                    "bar unsolved",
                    x,
                    bottom - hs - hu,
                    w,
                    hu,
                    UNSOLVED_COLOUR,
                    b.label() + ": " + b.unsolved() + " not solved"));
            s.append(text((int) (x + w / 2), bottom + 16, "middle", b.label()));
        }
        s.append(text(WIDTH / 2, height - 6, "middle", xLabel));
        return s.append("</svg>").toString();
    }

    /**
     * A rising step line (cumulative spend over time) with an optional dashed limit line.
     *
     * @param limit the cap, or a negative number for none
     */
    static String spend(String id, String title, List<Point> points, double limit, String unit) {
        int height = 240;
        int left = 70;
        int bottom = height - 40;
        int top = 15;
        StringBuilder s = open(id, title, height);
        double maxX = points.stream().mapToDouble(Point::x).max().orElse(0);
        double maxY =
                Math.max(limit, points.stream().mapToDouble(Point::y).max().orElse(0));
        maxX = maxX <= 0 ? 1 : maxX;
        maxY = maxY <= 0 ? 1 : maxY * 1.05;
        double sx = (WIDTH - left - 20) / maxX;
        double sy = (bottom - top) / maxY;
        s.append(axis(left, top, bottom));
        StringBuilder path = new StringBuilder(String.format(Locale.ROOT, "M%d %d", left, bottom));
        double lastY = bottom;
        for (Point p : points) {
            double x = left + p.x() * sx;
            double y = bottom - p.y() * sy;
            path.append(String.format(Locale.ROOT, " L%.1f %.1f L%.1f %.1f", x, lastY, x, y));
            lastY = y;
        }
        s.append("<path class=\"spend\" d=\"")
                .append(path)
                .append("\" fill=\"none\" stroke=\"")
                .append(NEUTRAL_COLOUR)
                .append("\" stroke-width=\"2\"/>");
        if (limit >= 0) {
            double y = bottom - limit * sy;
            s.append(String.format(
                    Locale.ROOT,
                    "<line class=\"cap\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"6 4\"/>",
                    left,
                    y,
                    WIDTH - 20,
                    y,
                    UNSOLVED_COLOUR));
            s.append(text(WIDTH - 22, (int) y - 5, "end", "cap " + number(limit) + unit));
        }
        s.append(text(left - 6, top + 8, "end", number(maxY) + unit));
        s.append(text(left - 6, bottom, "end", "0"));
        s.append(text(WIDTH - 20, height - 6, "end", Math.round(maxX) + " s"));
        s.append(text(left, height - 6, "start", "0 s"));
        return s.append("</svg>").toString();
    }

    private static StringBuilder open(String id, String title, int height) {
        return new StringBuilder(String.format(
                Locale.ROOT,
                "<svg id=\"%s\" class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">"
                        + "<title>%s</title>",
                id,
                WIDTH,
                height,
                Html.escape(title)));
    }

    private static String axis(int left, int top, int bottom) {
        return String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#777\"/>"
                        + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#777\"/>",
                left,
                top,
                left,
                bottom,
                left,
                bottom,
                WIDTH - 10,
                bottom);
    }

    private static String rect(String cls, double x, double y, double w, double h, String colour, String tip) {
        if (h <= 0) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>",
                cls,
                x,
                y,
                w,
                h,
                colour,
                Html.escape(tip));
    }

    private static String text(int x, int y, String anchor, String text) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" font-size=\"12\">%s</text>",
                x,
                y,
                anchor,
                Html.escape(text));
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
