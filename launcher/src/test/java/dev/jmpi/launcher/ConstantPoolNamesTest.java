package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ConstantPoolNamesTest {

    /** A non-ASCII class name and string constant: the pool's modified UTF-8 is decoded, not only ASCII. */
    private static final String SOURCE = """
        import mpi.*;
        public class Größe {
            public static void main(String[] args) throws MPIException {
                MPI.Init(args);
                System.out.println("Größe " + MPI.COMM_WORLD.getRank());
                MPI.Finalize();
            }
        }
        """;

    @TempDir
    Path tmp;

    @Test
    void readsOwnNameClassesAndOnlyTheMpiStringsAndMpiCallsOfAClass() throws IOException {
        JavaPrograms.compileSource("Größe", SOURCE, MpiApi.OPENMPI, tmp);
        ConstantPoolNames names = ConstantPoolNames.read(Files.readAllBytes(tmp.resolve("Größe.class")));

        assertEquals("Größe", names.thisClass);
        assertTrue(names.classes.contains("mpi/MPI"), names.classes.toString());
        assertTrue(names.classes.contains("java/io/PrintStream"), names.classes.toString());
        assertTrue(names.mpiStrings.contains("Lmpi/Intracomm;"), names.mpiStrings.toString());
        assertTrue(names.mpiStrings.stream().allMatch(s -> s.contains("mpi/")), names.mpiStrings.toString());
        assertTrue(
                names.mpiMethods.contains(new ConstantPoolNames.MethodRef("mpi/Intracomm", "getRank")),
                names.mpiMethods.toString());
        assertTrue(names.mpiMethods.stream().allMatch(m -> m.owner().startsWith("mpi/")), names.mpiMethods.toString());
        assertFalse(names.mpiMethods.stream().anyMatch(m -> m.name().equals("println")));
    }

    @Test
    void rejectsWhatIsNotAClassFile() {
        assertThrows(IOException.class, () -> ConstantPoolNames.read(new byte[] {1, 2, 3}));
        assertThrows(
                IOException.class,
                () -> ConstantPoolNames.read(
                        new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 3, 1, 0, 9, 'm'
                        }));
    }
}
