package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
