package mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void aMessageThatNamesItsRankIsNotPrefixedTwice() {
        assertEquals(
                "mpi: rank 0: recv(source=1, tag=7) failed: rank 1 closed",
                Errors.line("0", "rank 0: recv(source=1, tag=7) failed: rank 1 closed"));
        assertEquals(
                "mpi: rank 1 (world rank 3): bcast failed", Errors.line("3", "rank 1 (world rank 3): bcast failed"));
    }

    @Test
    void aMessageWithoutItsRankGetsIt() {
        assertEquals(
                "mpi: rank 0: dest=5 (expected: 0 <= dest < size=1)",
                Errors.line("0", "dest=5 (expected: 0 <= dest < size=1)"));
        assertEquals("mpi: rank 2: rank 0: recv failed", Errors.line("2", "rank 0: recv failed"));
        assertEquals(
                "mpi: rank 0: rank 3 aborted the job with exit code 1",
                Errors.line("0", "rank 3 aborted the job with exit code 1"));
    }
}
