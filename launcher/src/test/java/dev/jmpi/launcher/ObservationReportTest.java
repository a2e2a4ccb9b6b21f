package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.core.observe.Names;
import dev.jmpi.core.observe.ObserveConfig;
import dev.jmpi.core.observe.RankObservation;
import dev.jmpi.core.observe.Recorder;
import dev.jmpi.core.observe.TraceCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code jmpirun --report DIR}: the report of ranks started without jmpirun (Slurm, Kubernetes). */
@Timeout(60)
class ObservationReportTest {

    @TempDir
    Path tmp;

    /** Rank {@code rank} of 2 sends (rank 0) or receives (rank 1) 3 messages of 8 bytes, tag 4. */
    private void writeRank(Path dir, int rank) {
        Recorder rec = new Recorder(rank, new ObserveConfig(true, "t.json", dir, false, 0));
        for (int i = 0; i < 3; i++) {
            long start = rec.start();
            rec.end(
                    start,
                    Thread.currentThread().getId(),
                    Names.key(rank == 0 ? "send" : "recv", null),
                    false,
                    1 - rank,
                    4,
                    0,
                    8,
                    0,
                    false);
        }
        RankObservation o = rec.snapshot("h", 1);
        o.write(dir.resolve(RankObservation.fileName(rank)));
    }

    @Test
    void reportMergesTheRanksFilesIntoStatisticsAndATrace() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("obs"));
        writeRank(dir, 0);
        writeRank(dir, 1);
        Path json = tmp.resolve("job.json");
        Jmpirun.Result r = Jmpirun.run("--report", dir.toString(), "--stats", "--trace", json.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().matches("(?s).*\\nall +recv +- +3 +24 B .*"), r.toString());
        assertTrue(r.err().matches("(?s).*\\n0 +send +- +3 +24 B .*"), r.toString());
        TraceCheck.Summary t = TraceCheck.check(json);
        assertEquals(List.of(), t.problems());
        assertEquals(3, t.flows());
    }

    @Test
    void reportOfAMissingDirectoryIsAUsageError() {
        Jmpirun.Result r = Jmpirun.run("--report", tmp.resolve("nope").toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("expected: a directory of rank-N.obs files"), r.toString());
    }
}
