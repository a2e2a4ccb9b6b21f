package dev.jmpi.launcher;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An inclusive range of TCP ports, written {@code first-last} (e.g. {@code 7000-7100}).
 *
 * @param first lowest port
 * @param last  highest port
 */
public record PortRange(int first, int last) {

    /** Validates {@code 1 <= first <= last <= 65535}. */
    public PortRange {
        if (first < 1 || last > 65535 || first > last) {
            throw new TypeConversionException(
                    "invalid port range " + first + "-" + last + " (expected: 1 <= first <= last <= 65535)");
        }
    }

    /** Number of ports in the range. */
    public int size() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }

    /** Parses {@code first-last} or a single port. */
    public static PortRange parse(String text) {
        String[] parts = text.trim().split("-", -1);
        try {
            if (parts.length == 1) {
                int port = Integer.parseInt(parts[0]);
                return new PortRange(port, port);
            }
            if (parts.length == 2) {
                return new PortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
        throw invalid(text);
    }

    private static TypeConversionException invalid(String text) {
        return new TypeConversionException("invalid port range '" + text + "' (expected: FIRST-LAST, e.g. 7000-7100)");
    }

    /** Picocli converter for {@code --port-range}. */
    public static final class Converter implements ITypeConverter<PortRange> {
        @Override
        public PortRange convert(String value) {
            return parse(value);
        }
    }
}
