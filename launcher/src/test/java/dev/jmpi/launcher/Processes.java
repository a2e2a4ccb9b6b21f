package dev.jmpi.launcher;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Process checks for tests: is a pid gone, bounded by a deadline (never a bare sleep). */
final class Processes {

    private Processes() {}

    /** Waits up to {@code timeout} for every pid to exit; returns the pids still alive. */
    static List<Long> aliveAfter(List<Long> pids, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long pid : pids) {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isPresent()) {
                long left = Math.max(1, deadline - System.nanoTime());
                try {
                    handle.get().onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    // reported below
                }
            }
        }
        return pids.stream()
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .toList();
    }
}
