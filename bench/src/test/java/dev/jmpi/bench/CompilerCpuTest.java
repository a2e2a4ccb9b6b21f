package dev.jmpi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CompilerCpuTest {

    @Test
    void userAndSystemTicksAreReadAfterTheThreadNameEvenWhenItHasSpacesAndParentheses() {
        String stat = "4242 (C2 CompilerThre) S 1 4242 4242 0 -1 4194624 120 0 0 0 731 12 0 0 20 0 30 0 9 0 0";
        assertEquals(743, CompilerCpu.userPlusSystemTicks(stat));
        String odd = "7 (a) b (c) R 1 7 7 0 -1 0 0 0 0 0 5 6 0 0";
        assertEquals(11, CompilerCpu.userPlusSystemTicks(odd));
    }

    @Test
    void onlyTheJitCompilerThreadsCount() {
        assertTrue(CompilerCpu.isCompiler("C2 CompilerThre"));
        assertTrue(CompilerCpu.isCompiler("C1 CompilerThre"));
        assertFalse(CompilerCpu.isCompiler("main"));
        assertFalse(CompilerCpu.isCompiler("VM Thread"));
    }

    @Test
    void thisJvmsCompilerThreadsAreFoundOnLinux() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc/self/task (not Linux)");
        assumeTrue(!System.getProperty("java.vm.info", "").contains("interpreted"), "no JIT (-Xint)");
        assertTrue(CompilerCpu.millis() >= 0, "no C1/C2 compiler thread found under /proc/self/task");
    }
}
