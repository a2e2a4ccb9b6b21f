package dev.jmpi.core.internal;

import dev.jmpi.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands Slurm's compressed host lists: {@code n[1-3,7],gpu05} becomes
 * {@code n1 n2 n3 n7 gpu05}; zero padding is kept ({@code node[01-03]}).
 */
public final class SlurmNodeList {

    private SlurmNodeList() {}

    /** The hosts of {@code compressed}, in order. */
    public static List<String> expand(String compressed) {
        List<String> out = new ArrayList<>();
        for (String item : splitTopLevel(compressed.trim())) {
            if (item.isEmpty()) {
                continue;
            }
            int open = item.indexOf('[');
            if (open < 0) {
                out.add(item);
                continue;
            }
            int close = item.indexOf(']', open);
            if (close < 0) {
                throw new InvalidArgumentException("SLURM node list " + compressed + " has an unclosed '[' in " + item
                        + " (expected: prefix[ranges]suffix)");
            }
            String prefix = item.substring(0, open);
            String suffix = item.substring(close + 1);
            for (String range : item.substring(open + 1, close).split(",")) {
                String[] ends = range.split("-");
                int width = ends[0].length();
                int first = Integer.parseInt(ends[0]);
                int last = ends.length > 1 ? Integer.parseInt(ends[1]) : first;
                for (int i = first; i <= last; i++) {
                    out.add(prefix + String.format("%0" + width + "d", i) + suffix);
                }
            }
        }
        return out;
    }

    /** Splits on commas that are not inside brackets. */
    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }
}
