package dev.jmpi.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a hostfile in Open MPI's format:
 *
 * <pre>
 * # comment
 * node1 slots=4
 * node2 slots=2 max_slots=4   # trailing comment
 * user@node3                  # slots=1
 * </pre>
 *
 * A host without {@code slots=} takes one rank; a host listed twice adds up its slots. Any
 * other line is an error naming the file and line number.
 */
final class HostfileParser {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:%@\\[\\]-]+");

    private HostfileParser() {}

    /** Reads {@code file}; throws {@link UsageException} naming {@code file:line} on bad syntax. */
    static List<HostSlots> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException("--hostfile " + file + ": no such file");
        } catch (IOException e) {
            throw new UsageException("--hostfile " + file + ": cannot read: " + e.getMessage());
        }
        return parse(file.toString(), lines);
    }

    /** Parses {@code lines} of the file named {@code fileName}. */
    static List<HostSlots> parse(String fileName, List<String> lines) {
        Map<String, HostSlots> hosts = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String where = fileName + ":" + (i + 1);
            HostSlots host = parseLine(lines.get(i), where);
            if (host != null) {
                hosts.merge(host.name(), host, HostSlots::plus);
            }
        }
        if (hosts.isEmpty()) {
            throw new UsageException(fileName + ": no hosts (expected lines like 'node1 slots=4')");
        }
        return new ArrayList<>(hosts.values());
    }

    private static HostSlots parseLine(String raw, String where) {
        int hash = raw.indexOf('#');
        String line = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
        if (line.isEmpty()) {
            return null;
        }
        String[] tokens = line.split("\\s+");
        String name = tokens[0];
        if (!HOST.matcher(name).matches() || name.contains("=")) {
            throw new UsageException(
                    where + ": invalid host name '" + name + "' (expected: 'HOST [slots=N] [max_slots=N]')");
        }
        int slots = 1;
        int maxSlots = 0;
        for (int t = 1; t < tokens.length; t++) {
            String token = tokens[t];
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw new UsageException(where + ": unexpected '" + token + "' after host " + name
                        + " (expected: slots=N or max_slots=N)");
            }
            String key = token.substring(0, eq).toLowerCase(java.util.Locale.ROOT);
            String value = token.substring(eq + 1);
            switch (key) {
                case "slots":
                case "count":
                case "cpu":
                    slots = positive(where, key, value);
                    break;
                case "max_slots":
                case "max-slots":
                    maxSlots = positive(where, key, value);
                    break;
                default:
                    throw new UsageException(where + ": unknown key '" + key + "' (expected: slots or max_slots)");
            }
        }
        if (maxSlots != 0 && maxSlots < slots) {
            throw new UsageException(where + ": max_slots=" + maxSlots + " is less than slots=" + slots);
        }
        return new HostSlots(name, slots, maxSlots, where);
    }

    private static int positive(String where, String key, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the expectation
        }
        throw new UsageException(where + ": invalid " + key + " value '" + value + "' (expected: a positive integer)");
    }
}
