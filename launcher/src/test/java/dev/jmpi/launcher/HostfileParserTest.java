package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class HostfileParserTest {

    @Test
    void readsOpenMpiHostfileWithCommentsBlankLinesAndDefaults() {
        List<HostSlots> hosts = HostfileParser.parse(
                "hosts",
                List.of(
                        "# the cluster",
                        "",
                        "node1 slots=4",
                        "   node2 slots=2 max_slots=6   # trailing comment",
                        "user@node3",
                        "\tnode4\tslots=8\t"));
        assertEquals(
                List.of(
                        new HostSlots("node1", 4, 0, "hosts:3"),
                        new HostSlots("node2", 2, 6, "hosts:4"),
                        new HostSlots("user@node3", 1, 0, "hosts:5"),
                        new HostSlots("node4", 8, 0, "hosts:6")),
                hosts);
    }

    @Test
    void hostListedTwiceAddsUpItsSlots() {
        List<HostSlots> hosts = HostfileParser.parse("hosts", List.of("a slots=2", "b", "a slots=3"));
        assertEquals(2, hosts.size());
        assertEquals(5, hosts.get(0).slots());
        assertEquals("a", hosts.get(0).name());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "node1 slots=0|hosts:2: invalid slots value '0'",
                "node1 slots=x|hosts:2: invalid slots value 'x'",
                "node1 slots=|hosts:2: invalid slots value ''",
                "node1 4|hosts:2: unexpected '4' after host node1",
                "node1 cores=4|hosts:2: unknown key 'cores'",
                "slots=4|hosts:2: invalid host name 'slots=4'",
                "node1 slots=4 max_slots=2|hosts:2: max_slots=2 is less than slots=4",
            })
    void syntaxErrorNamesFileAndLine(String line, String expected) {
        UsageException e =
                assertThrows(UsageException.class, () -> HostfileParser.parse("hosts", List.of("ok slots=1", line)));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void fileWithoutHostsIsRejected() {
        UsageException e =
                assertThrows(UsageException.class, () -> HostfileParser.parse("hosts", List.of("# nothing", "")));
        assertTrue(e.getMessage().contains("no hosts"), e.getMessage());
    }
}
