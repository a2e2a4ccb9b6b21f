package dev.jmpi.core.observe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads a trace jmpi wrote and checks it: strict JSON; every event has a phase and a
 * process; every complete event a name, a thread, {@code ts >= 0} and {@code dur >= 0};
 * every process a name; every flow start exactly one finish with its id, and both ends
 * inside a call on their rank and thread. Used by the tests, and useful before sharing a
 * trace from an edited or merged file.
 */
public final class TraceCheck {

    /** What a trace holds, and what is wrong with it (empty when nothing). */
    public record Summary(
            Set<Integer> processes,
            int spans,
            int flows,
            Map<String, Integer> spansByName,
            Map<String, Object> otherData,
            List<Map<String, Object>> events,
            List<String> problems) {}

    private TraceCheck() {}

    /** Reads and checks {@code file}. */
    public static Summary check(Path file) {
        try {
            return check(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace " + file, e);
        }
    }

    /** Checks a trace's text. */
    @SuppressWarnings("unchecked")
    public static Summary check(String json) {
        List<String> problems = new ArrayList<>();
        Object root;
        try {
            root = new Parser(json).document();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return new Summary(Set.of(), 0, 0, Map.of(), Map.of(), List.of(), problems);
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("traceEvents") instanceof List<?> list)) {
            problems.add("expected an object with a traceEvents array");
            return new Summary(Set.of(), 0, 0, Map.of(), Map.of(), List.of(), problems);
        }
        List<Map<String, Object>> events = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof Map<?, ?> m) {
                events.add((Map<String, Object>) m);
            } else {
                problems.add("event is not an object: " + o);
            }
        }
        Set<Integer> named = new HashSet<>();
        Set<Integer> processes = new java.util.TreeSet<>();
        Map<String, Integer> byName = new TreeMap<>();
        Map<String, List<double[]>> slices = new HashMap<>();
        Map<Object, Map<String, Object>> flowStarts = new LinkedHashMap<>();
        Map<Object, Integer> flowEnds = new HashMap<>();
        List<Map<String, Object>> flowEvents = new ArrayList<>();
        int spans = 0;
        for (Map<String, Object> e : events) {
            Object ph = e.get("ph");
            if (!(ph instanceof String) || !(e.get("pid") instanceof Double)) {
                problems.add("event without ph or pid: " + e);
                continue;
            }
            int pid = ((Double) e.get("pid")).intValue();
            switch ((String) ph) {
                case "M" -> {
                    if ("process_name".equals(e.get("name"))) {
                        named.add(pid);
                    }
                }
                case "X" -> {
                    spans++;
                    processes.add(pid);
                    Object ts = e.get("ts");
                    Object dur = e.get("dur");
                    if (!(e.get("name") instanceof String n)
                            || !(e.get("tid") instanceof Double)
                            || !(ts instanceof Double t)
                            || !(dur instanceof Double d)
                            || t < 0
                            || d < 0) {
                        problems.add("complete event without name, tid, ts >= 0 or dur >= 0: " + e);
                        continue;
                    }
                    byName.merge(n, 1, Integer::sum);
                    slices.computeIfAbsent(pid + "/" + e.get("tid"), k -> new ArrayList<>())
                            .add(new double[] {t, t + d});
                }
                case "s" -> {
                    if (flowStarts.put(e.get("id"), e) != null) {
                        problems.add("two flow starts with id " + e.get("id"));
                    }
                    flowEvents.add(e);
                }
                case "f" -> {
                    flowEnds.merge(e.get("id"), 1, Integer::sum);
                    flowEvents.add(e);
                }
                default -> problems.add("unexpected phase " + ph);
            }
        }
        for (int pid : processes) {
            if (!named.contains(pid)) {
                problems.add("process " + pid + " has calls but no process_name");
            }
        }
        for (Object id : flowStarts.keySet()) {
            if (!Integer.valueOf(1).equals(flowEnds.get(id))) {
                problems.add("flow " + id + " has " + flowEnds.getOrDefault(id, 0) + " finishes (expected: 1)");
            }
        }
        for (Object id : flowEnds.keySet()) {
            if (!flowStarts.containsKey(id)) {
                problems.add("flow finish " + id + " without a start");
            }
        }
        checkFlowsInsideCalls(flowEvents, slices, problems);
        Map<String, Object> other = top.get("otherData") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        return new Summary(processes, spans, flowStarts.size(), byName, other, events, problems);
    }

    /** Each flow event lies inside a call of its rank and thread. */
    private static void checkFlowsInsideCalls(
            List<Map<String, Object>> flowEvents, Map<String, List<double[]>> slices, List<String> problems) {
        for (Map<String, Object> f : flowEvents) {
            if (!(f.get("ts") instanceof Double ts) || !(f.get("pid") instanceof Double pid)) {
                problems.add("flow event without ts or pid: " + f);
                continue;
            }
            boolean inside = slices.getOrDefault(pid.intValue() + "/" + f.get("tid"), List.of()).stream()
                    .anyMatch(s -> s[0] - 1e-3 <= ts && ts <= s[1] + 1e-3);
            if (!inside) {
                problems.add("flow event outside any call of its rank and thread: " + f);
            }
        }
    }

    /** A strict JSON parser (RFC 8259): objects as maps, arrays as lists, numbers as doubles. */
    static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        @Nullable
        Object document() {
            Object v = value();
            space();
            if (i != s.length()) {
                throw error("end of input");
            }
            return v;
        }

        private IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("not valid JSON at offset " + i + " (expected: " + expected + ")");
        }

        private void space() {
            while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        private @Nullable Object value() {
            space();
            if (i >= s.length()) {
                throw error("a value");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    return object();
                }
                case '[' -> {
                    return array();
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    if (s.startsWith("true", i)) {
                        i += 4;
                        return true;
                    }
                    if (s.startsWith("false", i)) {
                        i += 5;
                        return false;
                    }
                    if (s.startsWith("null", i)) {
                        i += 4;
                        return null;
                    }
                    return number();
                }
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            space();
            if (i < s.length() && s.charAt(i) == '}') {
                i++;
                return m;
            }
            while (true) {
                space();
                if (i >= s.length() || s.charAt(i) != '"') {
                    throw error("a string key");
                }
                String k = string();
                space();
                expect(':');
                m.put(k, value());
                space();
                if (i < s.length() && s.charAt(i) == ',') {
                    i++;
                } else {
                    expect('}');
                    return m;
                }
            }
        }

        private List<Object> array() {
            List<Object> l = new ArrayList<>();
            i++;
            space();
            if (i < s.length() && s.charAt(i) == ']') {
                i++;
                return l;
            }
            while (true) {
                l.add(value());
                space();
                if (i < s.length() && s.charAt(i) == ',') {
                    i++;
                } else {
                    expect(']');
                    return l;
                }
            }
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                throw error("'" + c + "'");
            }
            i++;
        }

        private String string() {
            StringBuilder b = new StringBuilder();
            i++;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c < 0x20) {
                    throw error("no control character in a string");
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (i >= s.length()) {
                    break;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw error("4 hex digits");
                        }
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> throw error("an escape");
                }
            }
            throw error("end of string");
        }

        private Double number() {
            int start = i;
            if (i < s.length() && s.charAt(i) == '-') {
                i++;
            }
            int digits = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == digits || (s.charAt(digits) == '0' && i - digits > 1)) {
                throw error("a number");
            }
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int frac = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                if (i == frac) {
                    throw error("digits after '.'");
                }
            }
            if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                i++;
                if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    i++;
                }
                int exp = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                if (i == exp) {
                    throw error("exponent digits");
                }
            }
            return Double.valueOf(s.substring(start, i));
        }
    }
}
