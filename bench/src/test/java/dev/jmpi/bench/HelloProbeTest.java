package dev.jmpi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HelloProbeTest {

    @Test
    void plainHelloCommandLinesSkipTheOptionParser() {
        assertEquals(0, HelloProbe.launchEpochNs(new String[] {"--op", "hello"}));
        assertEquals(0, HelloProbe.launchEpochNs(new String[] {"--op=HELLO"}));
        assertEquals(
                1764786000123456789L,
                HelloProbe.launchEpochNs(new String[] {"--op", "hello", "--launch-epoch-ns", "1764786000123456789"}));
        assertEquals(42, HelloProbe.launchEpochNs(new String[] {"--launch-epoch-ns=42", "--op=hello"}));
    }

    @Test
    void anyOtherCommandLineIsLeftToPicocli() {
        assertEquals(-1, HelloProbe.launchEpochNs(new String[0]));
        assertEquals(-1, HelloProbe.launchEpochNs(new String[] {"--op", "pingpong"}));
        assertEquals(-1, HelloProbe.launchEpochNs(new String[] {"--op", "hello,pingpong"}));
        assertEquals(-1, HelloProbe.launchEpochNs(new String[] {"--op", "hello", "--sizes", "8"}));
        assertEquals(-1, HelloProbe.launchEpochNs(new String[] {"--op", "hello", "--launch-epoch-ns"}));
        assertEquals(-1, HelloProbe.launchEpochNs(new String[] {"--op", "hello", "--launch-epoch-ns", "-5"}));
        assertEquals(-1, HelloProbe.launchEpochNs(new String[] {"--op", "hello", "--help"}));
    }

    @Test
    void millisecondsKeepOneDecimalAsTheStartupLineDid() {
        assertEquals("829.1", HelloProbe.ms(829_051_000L));
        assertEquals("0.0", HelloProbe.ms(0));
        assertEquals("12345.7", HelloProbe.ms(12_345_678_901L));
        assertEquals("-3.5", HelloProbe.ms(-3_450_000L));
    }
}
