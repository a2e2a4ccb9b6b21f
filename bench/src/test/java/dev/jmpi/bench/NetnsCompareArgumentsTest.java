package dev.jmpi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code netns-compare.sh}'s argument checks, which run before it needs root or touches the
 * network: a wrong profile or case group ends it with status 2 and a message naming what it
 * accepts; good ones reach {@code --help}.
 */
class NetnsCompareArgumentsTest {

    private record Outcome(int exit, String stderr) {}

    private static Outcome run(String... args) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("bash", Path.of("netns-compare.sh").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "netns-compare.sh did not end: " + command);
        return new Outcome(p.exitValue(), err);
    }

    @Test
    void anUnknownProfileIsRefusedNamingTheProfilesItTakes() throws Exception {
        Outcome o = run("--profile", "5g", "--help");
        assertEquals(2, o.exit(), o.stderr());
        assertTrue(o.stderr().contains("--profile '5g' (expected: 10g, 1g, 100m"), o.stderr());
    }

    @Test
    void aListWithOneUnknownProfileIsRefused() throws Exception {
        Outcome o = run("--profile", "1g,x", "--help");
        assertEquals(2, o.exit(), o.stderr());
        assertTrue(o.stderr().contains("--profile '1g,x'"), o.stderr());
    }

    @Test
    void anEmptyProfileIsRefused() throws Exception {
        assertEquals(2, run("--profile", "", "--help").exit());
    }

    @Test
    void anUnknownCaseGroupIsRefusedNamingOverlapAmongTheGroups() throws Exception {
        Outcome o = run("--only", "lat,nope");
        assertEquals(2, o.exit(), o.stderr());
        assertTrue(o.stderr().contains("lat, bw, coll, overlap"), o.stderr());
    }

    @Test
    void aListOfKnownProfilesAndBothAreAccepted() throws Exception {
        assertEquals(0, run("--profile", "10g,1g,100m", "--help").exit());
        assertEquals(0, run("--profile", "both", "--help").exit());
        assertEquals(0, run("--profile", "100m", "--only", "overlap", "--help").exit());
    }
}
