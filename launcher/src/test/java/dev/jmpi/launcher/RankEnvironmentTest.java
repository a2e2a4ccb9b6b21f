package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RankEnvironmentTest {

    @Test
    void rankSettingsInJmpirunsEnvironmentPassToTheRanks() {
        Map<String, String> launcher = Map.of(
                "JMPI_EAGER_LIMIT_BYTES", "64k", // core
                "JMPI_BCAST_PIPELINE_THRESHOLD_BYTES", "1m", // core
                "HOME", "/root",
                "JMPI_CDS", "off"); // jmpirun's own setting, not a rank's

        assertEquals(
                Map.of("JMPI_EAGER_LIMIT_BYTES", "64k", "JMPI_BCAST_PIPELINE_THRESHOLD_BYTES", "1m"),
                RankEnvironment.inheritedSettings(launcher));
    }

    @Test
    void anEnclosingJobsContractVariablesDoNotPassToTheRanks() {
        Map<String, String> insideARank = Map.of(
                RankEnvironment.RANK, "3",
                RankEnvironment.SIZE, "4",
                RankEnvironment.SECRET, "c2VjcmV0",
                RankEnvironment.TIMEOUT, "30s",
                RankEnvironment.HOSTNAME, "node7",
                RankEnvironment.LOCAL_SIZE, "4");

        assertEquals(Map.of(), RankEnvironment.inheritedSettings(insideARank));
    }
}
