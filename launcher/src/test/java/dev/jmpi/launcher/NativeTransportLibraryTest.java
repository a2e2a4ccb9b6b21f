package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeTransportLibraryTest {

    @TempDir
    Path tmp;

    private final Log log =
            new Log(new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), 0);

    private static String thisMachinesLibrary() {
        String name =
                NativeTransportLibrary.libraryFileName(System.getProperty("os.name"), System.getProperty("os.arch"));
        assumeTrue(name != null, "Netty ships no epoll library for this machine");
        return name;
    }

    @Test
    void theLibraryIsNamedAsNettyNamesItsRelocatedCopy() {
        assertEquals(
                "libdev_jmpi_internal_shaded_netty_transport_native_epoll_x86_64.so",
                NativeTransportLibrary.libraryFileName("Linux", "amd64"));
        assertEquals(
                "libdev_jmpi_internal_shaded_netty_transport_native_epoll_aarch_64.so",
                NativeTransportLibrary.libraryFileName("Linux", "aarch64"));
        assertNull(NativeTransportLibrary.libraryFileName("Mac OS X", "aarch64"));
        assertNull(NativeTransportLibrary.libraryFileName("Linux", "s390x"));
    }

    @Test
    void theCoreJarShipsTheLibraryUnderTheNameExpected() throws Exception {
        // Fails if core/pom.xml's relocation prefix changes without SHADED_PREFIX.
        try (InputStream in =
                getClass().getClassLoader().getResourceAsStream("META-INF/native/" + thisMachinesLibrary())) {
            assertNotNull(in, "jmpi-core has no relocated epoll library named " + thisMachinesLibrary());
        }
    }

    @Test
    void theLibraryIsExtractedOnceIntoADirectoryNamedAfterItsContent() throws Exception {
        String name = thisMachinesLibrary();
        Path dir = NativeTransportLibrary.extracted(tmp, name);
        assertNotNull(dir);
        Path library = dir.resolve(name);
        byte[] shipped;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/native/" + name)) {
            shipped = in.readAllBytes();
        }
        assertArrayEquals(shipped, Files.readAllBytes(library));
        assertEquals(tmp.resolve("native"), dir.getParent());

        FileTime before = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(library, before);
        assertEquals(dir, NativeTransportLibrary.extracted(tmp, name));
        assertEquals(before, Files.getLastModifiedTime(library), "an extracted library was written again");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(library), files.toList(), "temporary files were left behind");
        }
    }

    @Test
    void theRanksPathIsTheCacheThenJmpirunsOwn() {
        thisMachinesLibrary();
        String option = NativeTransportLibrary.rankOption(true, tmp, List.of("-Xmx1g"), Map.of(), "/mine", log);
        assertNotNull(option);
        String prefix = "-Djava.library.path=" + tmp.resolve("native");
        assertTrue(option.startsWith(prefix), option);
        assertTrue(option.endsWith(":" + System.getProperty("java.library.path")), option);
    }

    @Test
    void theUsersOwnPathAnotherLdLibraryPathOrAnOffCacheLeaveThePathAlone() {
        thisMachinesLibrary();
        assertNull(NativeTransportLibrary.rankOption(
                true, tmp, List.of("-Djava.library.path=/opt/mine"), Map.of(), null, log));
        assertNull(NativeTransportLibrary.rankOption(
                true, tmp, List.of(), Map.of("LD_LIBRARY_PATH", "/elsewhere"), "/mine", log));
        assertNull(NativeTransportLibrary.rankOption(
                true, tmp, List.of(), Map.of("LD_LIBRARY_PATH", "/elsewhere"), null, log));
        assertNull(NativeTransportLibrary.rankOption(false, tmp, List.of(), Map.of(), null, log));
        assertTrue(Files.notExists(tmp.resolve("native")), "nothing extracted when the path is left alone");
    }
}
