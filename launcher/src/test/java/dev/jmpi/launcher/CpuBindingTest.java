package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CpuBinding}: which CPUs each rank on this host gets for each {@code --bind-to}. */
class CpuBindingTest {

    private static final List<Integer> TWO = List.of(0, 1);
    private static final List<Integer> EIGHT = List.of(0, 1, 2, 3, 4, 5, 6, 7);

    private static Placement local(int localRank, int localSize) {
        return new Placement(localRank, "here", localRank, localSize);
    }

    @Test
    void autoGivesEachRankAnEqualContiguousShareWhenTheRanksFit() {
        CpuBinding auto = new CpuBinding(CpuBinding.Mode.AUTO, TWO, "/usr/bin/taskset");
        assertEquals("0", auto.cpusFor(local(0, 2)));
        assertEquals("1", auto.cpusFor(local(1, 2)));
        CpuBinding wide = new CpuBinding(CpuBinding.Mode.AUTO, EIGHT, "/usr/bin/taskset");
        assertEquals("0-3", wide.cpusFor(local(0, 2)));
        assertEquals("4-7", wide.cpusFor(local(1, 2)));
        assertEquals("4-5", wide.cpusFor(local(2, 3)), "8 CPUs over 3 ranks: 2 each, the rest unused");
        assertEquals(List.of("/usr/bin/taskset", "-c", "4-7"), wide.commandPrefix(local(1, 2)));
    }

    @Test
    void autoLeavesOversubscribedAndSingleRanksUnbound() {
        CpuBinding auto = new CpuBinding(CpuBinding.Mode.AUTO, TWO, "/usr/bin/taskset");
        assertNull(auto.cpusFor(local(0, 3)), "3 ranks on 2 CPUs must be free to move");
        assertNull(auto.cpusFor(local(0, 1)), "a single rank has the whole host anyway");
        assertEquals(List.of(), auto.commandPrefix(local(2, 3)));
    }

    @Test
    void coreGivesOneCpuEachRoundRobinAndNoneBindsNothing() {
        CpuBinding core = new CpuBinding(CpuBinding.Mode.CORE, List.of(2, 3, 5), "/usr/bin/taskset");
        assertEquals("2", core.cpusFor(local(0, 4)));
        assertEquals("5", core.cpusFor(local(2, 4)));
        assertEquals("2", core.cpusFor(local(3, 4)));
        CpuBinding none = new CpuBinding(CpuBinding.Mode.NONE, EIGHT, "/usr/bin/taskset");
        assertNull(none.cpusFor(local(0, 2)));
    }

    @Test
    void withoutTasksetOrAKnownCpuListRanksRunUnbound() {
        assertEquals(List.of(), new CpuBinding(CpuBinding.Mode.CORE, TWO, null).commandPrefix(local(0, 2)));
        assertNull(new CpuBinding(CpuBinding.Mode.CORE, List.of(), "/usr/bin/taskset").cpusFor(local(0, 2)));
        assertEquals(8, new CpuBinding(CpuBinding.Mode.AUTO, List.of(), null).cpuCount(8));
    }

    @Test
    void readsAndWritesTheKernelsCpuListForm(@TempDir Path dir) throws Exception {
        assertEquals(List.of(0, 1, 2, 3, 8, 10, 11), CpuBinding.parseList("0-3,8,10-11"));
        assertEquals("0-3,8,10-11", CpuBinding.list(List.of(0, 1, 2, 3, 8, 10, 11)));
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nCpus_allowed:\tf\nCpus_allowed_list:\t0-1,4\nMems_allowed:\t1\n");
        assertEquals(List.of(0, 1, 4), CpuBinding.allowedCpus(status));
        assertEquals(List.of(), CpuBinding.allowedCpus(dir.resolve("missing")));
    }

    /**
     * A remote host's shell makes the launcher's choice: {@link CpuBinding#CHOICE_AWK}, run by
     * this machine's awk on kernel CPU lists of several shapes, binds every rank of every host
     * size to exactly the CPUs {@link CpuBinding#cpusFor} gives it, and counts the host's CPUs.
     */
    @Test
    void remoteHostsChooseTheSameCpusAsTheLauncher() throws Exception {
        for (String host : List.of("0", "0-1", "0-7", "0-3,8,10-11", "2,5")) {
            List<Integer> cpus = CpuBinding.parseList(host);
            for (CpuBinding.Mode mode : List.of(CpuBinding.Mode.AUTO, CpuBinding.Mode.CORE)) {
                CpuBinding binding = new CpuBinding(mode, cpus, "/usr/bin/taskset");
                for (int size = 1; size <= 4; size++) {
                    for (int r = 0; r < size; r++) {
                        String expected = binding.cpusFor(local(r, size));
                        String printed = awkChoice(host, mode, r, size);
                        String where = mode + " rank " + r + " of " + size + " on CPUs " + host;
                        assertEquals(cpus.size() + " ", printed.substring(0, printed.indexOf(' ') + 1), where);
                        String chosen = printed.substring(printed.indexOf(' ') + 1);
                        assertEquals(
                                expected == null ? List.of() : CpuBinding.parseList(expected),
                                chosen.isEmpty() ? List.of() : CpuBinding.parseList(chosen),
                                where);
                    }
                }
            }
        }
        assertEquals("", awkChoice("", CpuBinding.Mode.AUTO, 0, 2), "an unknown CPU list binds nothing");
    }

    private static String awkChoice(String cpuList, CpuBinding.Mode mode, int localRank, int localSize)
            throws Exception {
        Process awk = new ProcessBuilder(
                        "awk",
                        "-v",
                        "mode=" + mode.name().toLowerCase(Locale.ROOT),
                        "-v",
                        "r=" + localRank,
                        "-v",
                        "n=" + localSize,
                        CpuBinding.CHOICE_AWK)
                .redirectErrorStream(true)
                .start();
        awk.getOutputStream().write((cpuList + "\n").getBytes(StandardCharsets.US_ASCII));
        awk.getOutputStream().close();
        String out = new String(awk.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals(0, awk.waitFor(), out);
        return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    }
}
