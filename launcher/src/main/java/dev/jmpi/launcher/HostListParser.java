package dev.jmpi.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code -H/--host} values the way mpirun does: {@code a:2,b:2} (host and slots) or
 * {@code a,a,b} (each mention is one slot). Several {@code -H} options add up.
 */
final class HostListParser {

    private HostListParser() {}

    /** Parses every {@code -H} value; throws {@link UsageException} naming the bad entry. */
    static List<HostSlots> parse(List<String> values) {
        Map<String, HostSlots> hosts = new LinkedHashMap<>();
        for (String value : values) {
            for (String entry : value.split(",", -1)) {
                HostSlots host = parseEntry(entry.trim());
                hosts.merge(host.name(), host, HostSlots::plus);
            }
        }
        return new ArrayList<>(hosts.values());
    }

    private static HostSlots parseEntry(String entry) {
        if (entry.isEmpty()) {
            throw new UsageException("--host: empty host name (expected: HOST[:SLOTS],HOST[:SLOTS],...)");
        }
        String name = entry;
        int slots = 1;
        int colon = entry.lastIndexOf(':');
        boolean ipv6 = entry.indexOf(':') != colon || entry.startsWith("[");
        if (colon >= 0 && !(ipv6 && !entry.contains("]:"))) {
            name = entry.substring(0, colon);
            String count = entry.substring(colon + 1);
            try {
                slots = Integer.parseInt(count);
            } catch (NumberFormatException e) {
                slots = 0;
            }
            if (slots < 1) {
                throw new UsageException(
                        "--host " + entry + ": invalid slot count '" + count + "' (expected: a positive integer)");
            }
        }
        if (name.isEmpty() || name.contains("=") || name.chars().anyMatch(Character::isWhitespace)) {
            throw new UsageException("--host: invalid host name '" + name + "' (expected: HOST[:SLOTS])");
        }
        return new HostSlots(name, slots, 0, "--host");
    }
}
