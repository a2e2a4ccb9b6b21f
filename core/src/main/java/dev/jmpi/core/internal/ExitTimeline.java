package dev.jmpi.core.internal;

import dev.jmpi.proto.StartupMark;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When each step of this rank's end happened, for {@code jmpirun --timeline}: its world
 * communicator's close entered (MPI_Finalize), its exit hook started, its transport closed.
 * jmpirun adds the two steps it sees itself, the lifeline closing and the process exiting, so
 * the timeline shows where the time between finalize and exit goes. Wall-clock times, like
 * {@link StartupTimeline}'s. Kept only when {@link CoreSettings#TIMELINE} is on; thread-safe
 * (the program's thread finalizes, the shutdown hook's thread records the rest).
 */
final class ExitTimeline {

    static final String FINALIZE_CALLED = "finalize called";
    static final String EXIT_HOOK_RAN = "exit hook ran";
    static final String TRANSPORT_CLOSED = "transport closed";

    private final List<StartupMark> marks = new ArrayList<>();

    /** Records that step {@code name} happened now; a step already recorded keeps its first time. */
    synchronized void mark(String name) {
        if (marks.stream().noneMatch(m -> m.getName().equals(name))) {
            marks.add(StartupTimeline.at(name, Instant.now()));
        }
    }

    /** The steps recorded so far, in the order they happened. */
    synchronized List<StartupMark> marks() {
        return List.copyOf(marks);
    }
}
