package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class ProcessStateTest {

    @Test
    void stateIsTheFieldAfterTheParenthesizedCommandEvenIfItHoldsParentheses() {
        assertEquals('T', ProcessState.parse("4242 (java (x) y) T 1 4242 4242 0 -1"));
        assertEquals('S', ProcessState.parse("1 (java) S 0 1 1 0 -1"));
        assertEquals('?', ProcessState.parse("garbage"));
    }

    @Test
    void thisRunningProcessIsNotStopped() {
        assertFalse(ProcessState.stopped(ProcessHandle.current().pid()));
    }
}
