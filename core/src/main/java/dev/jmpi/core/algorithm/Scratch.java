package dev.jmpi.core.algorithm;

import dev.jmpi.Datatype;
import dev.jmpi.core.internal.Schedule;

/**
 * Scratch arrays of a schedule: taken from the pool while the schedule is built, given back
 * after its last round. A schedule that fails leaves its arrays to the garbage collector,
 * since a receive into them may still be posted.
 */
final class Scratch {

    private Scratch() {}

    /** A pooled array of at least {@code minLength} elements, returned when {@code s} ends. */
    static Object acquire(Schedule s, ArrayPool pool, Datatype type, int minLength) {
        Object array = pool.acquire(type, minLength);
        s.atEnd(() -> pool.release(array));
        return array;
    }
}
