package dev.jmpi.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses message sizes in bytes: a comma-separated list of sizes ({@code 8,1k,64k,1m,16m}) and
 * ranges ({@code 1k..16m} doubles each step, {@code 1k..16m*4} multiplies by 4). Suffixes
 * k, m and g are binary (1k = 1024).
 */
final class Sizes {

    private Sizes() {}

    static List<Long> parse(String spec) {
        List<Long> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int dots = p.indexOf("..");
            if (dots < 0) {
                out.add(bytes(p, spec));
                continue;
            }
            String to = p.substring(dots + 2);
            long factor = 2;
            int star = to.indexOf('*');
            if (star >= 0) {
                factor = Long.parseLong(to.substring(star + 1).trim());
                to = to.substring(0, star);
            }
            long first = bytes(p.substring(0, dots), spec);
            long last = bytes(to, spec);
            if (factor < 2 || first <= 0 || last < first) {
                throw new IllegalArgumentException("size range '" + p
                        + "' (expected: FIRST..LAST[*FACTOR] with 0 < FIRST <= LAST and FACTOR >= 2)");
            }
            for (long s = first; s <= last; s *= factor) {
                out.add(s);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("sizes='" + spec + "' (expected: at least one size, e.g. 8,1k,1m)");
        }
        return out;
    }

    static long bytes(String text, String spec) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("k")) {
            unit = 1L << 10;
        } else if (t.endsWith("m")) {
            unit = 1L << 20;
        } else if (t.endsWith("g")) {
            unit = 1L << 30;
        }
        if (unit != 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(t) * unit;
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "size '" + text + "' in '" + spec + "' (expected: 0 <= bytes <= " + Integer.MAX_VALUE + ")");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "size '" + text + "' in '" + spec
                            + "' (expected: a number of bytes with an optional k, m or g suffix)",
                    e);
        }
    }
}
