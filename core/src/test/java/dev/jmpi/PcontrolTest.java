package dev.jmpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link Jmpi#pcontrol}'s wrong calls; what it records is checked by ObservationTest and ObservationIT. */
class PcontrolTest {

    @Test
    void negativeLevelNamesTheLevelsThereAre() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Jmpi.pcontrol(-1));
        assertEquals("Jmpi.pcontrol(-1) (expected: 0 to stop recording, 1 or more to record)", e.getMessage());
    }

    @Test
    void outsideAJobSaysWhereItBelongs() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Jmpi.pcontrol(0));
        assertEquals(
                "Jmpi.pcontrol(0) called outside a job (expected: between Jmpi.init and closing the world communicator)",
                e.getMessage());
    }

    @Test
    void inAJobWithoutObservationItDoesNothing() {
        try (Communicator world = Jmpi.init(new String[0])) {
            Jmpi.pcontrol(0);
            world.barrier();
            Jmpi.pcontrol(2);
            assertEquals(false, world.statistics().recording());
        }
    }
}
