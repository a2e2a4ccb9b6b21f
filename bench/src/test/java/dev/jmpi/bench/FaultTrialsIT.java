package dev.jmpi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jmpi.bench.faults.FaultTrials;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CI's small sample of the fault trials (the README's reliability figures come from 50 per
 * kind): one trial of each fault on a 4-rank job through a real jmpirun. Any hang, unnamed
 * cause or process left behind fails it. Liveness is shortened to 5 s so the SIGSTOP trial
 * does not wait out the 30 s default.
 */
@Timeout(900)
class FaultTrialsIT {

    @Test
    void everyKindOfFaultEndsTheJobNamingTheCauseAndLeavesNothingBehind() {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Path target = Path.of("target").toAbsolutePath();
        String rankClasspath =
                target.resolve("classes") + File.pathSeparator + target.resolve("lib") + File.separator + "*";
        List<String> jmpirun = List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.jmpi.launcher.JmpiRun",
                "--jvm-opt=-XX:TieredStopAtLevel=1",
                "--jvm-opt=-Xmx128m");
        int exit = FaultTrials.run(
                jmpirun,
                "--trials",
                "1",
                "--kinds",
                "kill,stop,throw,launcher",
                "--rank-cp",
                rankClasspath,
                "--jvm-opt=-Djmpi.heartbeatTimeoutMs=5000",
                "--max-delay-ms",
                "1500",
                "--hang-after",
                "120");
        assertEquals(0, exit, "a trial hung, left a process behind or did not name its cause (see the output above)");
    }
}
