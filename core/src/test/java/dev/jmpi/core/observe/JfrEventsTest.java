package dev.jmpi.core.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Op;
import dev.jmpi.core.internal.Observation;
import dev.jmpi.core.internal.WorldCommunicator;
import dev.jmpi.testing.Ranks;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JfrEventsTest {

    @Test
    void everyCallIsAJfrEventWithItsPeerAndBytes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jmpi.jfr");
        try (Recording rec = new Recording()) {
            rec.enable("dev.jmpi.PointToPoint");
            rec.enable("dev.jmpi.Collective");
            rec.start();
            Ranks.run(2, comm -> {
                Observation.start((WorldCommunicator) comm, new ObserveConfig(false, null, null, true, 0), false);
                int[] buf = new int[256];
                if (comm.rank() == 0) {
                    comm.send(buf, 1, 3);
                } else {
                    comm.recv(buf, 0, 3);
                }
                comm.allreduce(new long[] {1}, new long[1], Op.SUM);
            });
            rec.stop();
            rec.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        List<RecordedEvent> p2p = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.jmpi.PointToPoint"))
                .toList();
        List<RecordedEvent> coll = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.jmpi.Collective"))
                .toList();
        assertEquals(2, p2p.size(), p2p.toString());
        for (RecordedEvent e : p2p) {
            assertEquals(1024L, e.getLong("bytes"));
            assertEquals(3, e.getInt("tag"));
            assertEquals(1 - e.getInt("rank"), e.getInt("peer"));
            assertTrue(List.of("send", "recv").contains(e.getString("operation")));
        }
        assertEquals(2, coll.size(), coll.toString());
        assertEquals("allreduce", coll.get(0).getString("operation"));
        assertEquals("recursive doubling", coll.get(0).getString("algorithm"));
    }
}
