package dev.jmpi.core.algorithm;

import dev.jmpi.Request;

/**
 * A bounded set of outstanding non-blocking sends: {@link #add} waits for the oldest one once
 * {@code capacity} are in flight, so a pipeline keeps a few segments on the wire without
 * queueing the whole message. Used by one thread.
 */
final class RequestWindow {

    private final Request[] ring;
    private int head;
    private int size;

    RequestWindow(int capacity) {
        this.ring = new Request[capacity];
    }

    /** Adds {@code request}, first waiting for the oldest if the window is full. */
    void add(Request request) {
        if (size == ring.length) {
            ring[head].await();
            ring[head] = null;
            head = (head + 1) % ring.length;
            size--;
        }
        ring[(head + size) % ring.length] = request;
        size++;
    }

    /** Waits for every request in the window. */
    void awaitAll() {
        while (size > 0) {
            ring[head].await();
            ring[head] = null;
            head = (head + 1) % ring.length;
            size--;
        }
    }
}
