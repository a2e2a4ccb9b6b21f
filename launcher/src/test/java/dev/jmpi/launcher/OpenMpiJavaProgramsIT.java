package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Programs written against Open MPI's Java bindings (test resources {@code ompijava/}: one
 * per area, in Open MPI's test style) compiled with javac against jmpi-ompijava only and run
 * by jmpirun as separate JVMs, which picks the facade from the programs' class files.
 */
@Timeout(300)
class OpenMpiJavaProgramsIT {

    private static Path classes;

    @BeforeAll
    static void compilePrograms() throws IOException {
        classes = Files.createTempDirectory("ompijava-programs");
        JavaPrograms.compileResources("ompijava", MpiApi.OPENMPI, classes);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 4, 8})
    void openMpiProgramsPassEveryAreaWithTheFacadeDetectedFromTheirClasses(int ranks) {
        Jmpirun.Result r = Jmpirun.run(Jmpirun.lean(
                "-n",
                Integer.toString(ranks),
                "--oversubscribe",
                "--timeout",
                "240s",
                "-cp",
                classes.toString(),
                "OmpiSuite"));
        assertEquals(0, r.exitCode(), r.toString());
        for (String area : new String[] {"p2p", "collectives", "datatypes", "comms"}) {
            assertTrue(r.out().contains("PASSED " + area + " on " + ranks), area + " did not pass: " + r);
        }
    }

    @Test
    void theMpiJavaFacadeCannotRunAnOpenMpiProgramSoTheChoiceMatters() {
        Jmpirun.Result r = Jmpirun.run(
                Jmpirun.lean("-n", "1", "--mpi-api", "mpijava", "-cp", classes.toString(), "OmpiSuite", "p2p"));
        assertNotEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("NoSuchMethodError") || r.err().contains("NoClassDefFoundError"), r.toString());
    }

    @Test
    void anExplicitOpenMpiChoiceRunsTheProgram() {
        Jmpirun.Result r = Jmpirun.run(
                Jmpirun.lean("-n", "1", "--mpi-api=openmpi", "-cp", classes.toString(), "OmpiSuite", "datatypes"));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("PASSED datatypes on 1"), r.toString());
    }
}
