package dev.jmpi.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Job specs for launcher unit tests: ranks on "here" (this host) unless told otherwise, program "Main". */
final class TestJobs {

    private TestJobs() {}

    /**
     * {@code ranks} ranks on "here", the last on {@code lastHost}, with {@code -x} variables
     * {@code extraEnv} and {@code --jvm-opt}s {@code jvmOptions}; all over ssh if {@code forceSsh}.
     */
    static JobSpec job(
            int ranks, String lastHost, Map<String, String> extraEnv, List<String> jvmOptions, boolean forceSsh) {
        List<Placement> placements = new ArrayList<>();
        for (int r = 0; r < ranks; r++) {
            placements.add(new Placement(r, r == ranks - 1 ? lastHost : "here", r, ranks));
        }
        return new JobSpec(
                placements,
                Set.of("here"),
                new AppTarget("Main", List.of(), List.of()),
                List.of(),
                jvmOptions,
                null,
                extraEnv,
                new JobSpec.OutputOptions(false, false, null),
                null,
                Duration.ofSeconds(5),
                false,
                null,
                false,
                null,
                List.of("ssh"),
                "java",
                forceSsh,
                0,
                false,
                CpuBinding.Mode.AUTO);
    }
}
