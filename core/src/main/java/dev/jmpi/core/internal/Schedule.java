package dev.jmpi.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * One collective call's algorithm as data: rounds of sends, receives and local actions
 * (combines, copies), libNBC's model. A round starts when every send and receive of the
 * round before it has completed; its actions then run in the order they were added (a local
 * action runs at once, a send or receive is posted), so a combine that needs a round's
 * receive goes into the next round, before that round's sends.
 *
 * <p>Built on the caller's thread by an algorithm, then run by a {@link ScheduleRequest}
 * on whichever thread drives the progress engine. Steps are the {@link CollectiveCall} steps
 * (0..1023) that keep one call's messages between the same two ranks apart. Buffers are
 * arrays (never ByteBuffers). {@link #expand} lets a round add rounds that depend on data
 * received before it (object collectives learn their byte lengths first). Internal.
 *
 * <p>Operations posted ahead ({@link #recvAhead}, {@link #sendAhead}) are posted when their
 * round starts but belong to the later round that {@link #await}s them, so a pipeline can
 * keep many receives posted (a sender's requests-to-send are then matched on arrival, and its
 * eager data lands in place) while it still combines segment by segment.
 *
 * <pre>{@code
 * Schedule s = new Schedule(rank, size);
 * s.recv(theirs, 0, n, peer, 0).send(mine, 0, n, peer, 0).round();
 * s.local(() -> combine(mine, theirs));
 * }</pre>
 */
public final class Schedule {

    /** What one entry of a round does. */
    enum Kind {
        SEND,
        RECV,
        LOCAL,
        EXPAND,
        SEND_AHEAD,
        RECV_AHEAD,
        AWAIT
    }

    /** One entry of a round; {@code handle} names an operation posted ahead (else -1). */
    record Action(
            Kind kind,
            @Nullable Object buf,
            int offset,
            int count,
            int peer,
            int step,
            @Nullable Runnable local,
            @Nullable Consumer<Schedule> expand,
            int handle,
            @Nullable IntConsumer landed) {}

    private final int rank;
    private final int size;
    private final List<List<Action>> rounds = new ArrayList<>();
    private final List<Runnable> atEnd = new ArrayList<>();
    private @Nullable List<Action> current;
    private int handles;
    private @Nullable String algorithm;

    /** An empty schedule for {@code rank} of {@code size} ranks. */
    public Schedule(int rank, int size) {
        this(rank, size, 0);
    }

    /** An empty schedule whose operations posted ahead are numbered from {@code firstHandle}. */
    Schedule(int rank, int size, int firstHandle) {
        this.rank = rank;
        this.size = size;
        this.handles = firstHandle;
    }

    /** This rank. */
    public int rank() {
        return rank;
    }

    /** Ranks in the communicator. */
    public int size() {
        return size;
    }

    /** Posts a send of {@code count} elements of {@code buf} from {@code offset} to {@code dest}. */
    public Schedule send(Object buf, int offset, int count, int dest, int step) {
        return add(new Action(Kind.SEND, buf, offset, count, dest, step, null, null, -1, null));
    }

    /** Posts a receive of at most {@code count} elements into {@code buf} at {@code offset} from {@code source}. */
    public Schedule recv(Object buf, int offset, int count, int source, int step) {
        return add(new Action(Kind.RECV, buf, offset, count, source, step, null, null, -1, null));
    }

    /**
     * Posts a receive as {@link #recv} that tells {@code landed} how many elements are in
     * place each time a piece of a large message lands, before the receive completes
     * ({@link CollectiveCall#irecv(Object, int, int, int, int, IntConsumer)}): work on them,
     * such as combining, can then overlap the transfer of the rest. A message that lands
     * whole is not reported, so the work on whatever was not reported follows in a local
     * action of the next round.
     */
    public Schedule recv(Object buf, int offset, int count, int source, int step, IntConsumer landed) {
        return add(new Action(Kind.RECV, buf, offset, count, source, step, null, null, -1, landed));
    }

    /**
     * Posts a send when this round starts, as {@link #send}, but this round does not wait for
     * it: the round that {@link #await}s the returned handle does. Every handle must be
     * awaited by the schedule's last round.
     */
    public int sendAhead(Object buf, int offset, int count, int dest, int step) {
        add(new Action(Kind.SEND_AHEAD, buf, offset, count, dest, step, null, null, handles, null));
        return handles++;
    }

    /**
     * Posts a receive when this round starts, as {@link #recv}, but this round does not wait
     * for it: the round that {@link #await}s the returned handle does. Every handle must be
     * awaited by the schedule's last round.
     */
    public int recvAhead(Object buf, int offset, int count, int source, int step) {
        add(new Action(Kind.RECV_AHEAD, buf, offset, count, source, step, null, null, handles, null));
        return handles++;
    }

    /**
     * Makes this round wait for the operation posted ahead as {@code handle} (in this or an
     * earlier round, before this entry); each handle is awaited once.
     */
    public Schedule await(int handle) {
        if (handle < 0 || handle >= handles) {
            throw new IllegalArgumentException("handle=" + handle + " (expected: 0 <= handle < " + handles + ")");
        }
        return add(new Action(Kind.AWAIT, null, 0, 0, -1, 0, null, null, handle, null));
    }

    /** Runs {@code action} when the round starts, in order with the round's other entries. */
    public Schedule local(Runnable action) {
        return add(new Action(Kind.LOCAL, null, 0, 0, -1, 0, action, null, -1, null));
    }

    /**
     * When the round starts, builds more of the schedule with {@code more} (on a fresh
     * schedule of the same rank and size) and runs its rounds right after this round.
     */
    public Schedule expand(Consumer<Schedule> more) {
        return add(new Action(Kind.EXPAND, null, 0, 0, -1, 0, null, more, -1, null));
    }

    /**
     * Names the algorithm this schedule runs ({@code "binomial tree"}, {@code "ring"}, ...), for
     * traces and statistics. The first name given stays: an algorithm built from others (the
     * ring allreduce from the ring reduce-scatter and allgather) names itself before them.
     */
    public Schedule algorithm(String name) {
        if (algorithm == null) {
            algorithm = name;
        }
        return this;
    }

    /** The algorithm's name, or null if none was given. */
    public @Nullable String algorithm() {
        return algorithm;
    }

    /** Ends the current round: what is added next waits for everything added so far. */
    public Schedule round() {
        current = null;
        return this;
    }

    /** Runs {@code action} after the last round, if every round succeeded (copy-backs, returning scratch). */
    public Schedule atEnd(Runnable action) {
        atEnd.add(action);
        return this;
    }

    private Schedule add(Action a) {
        if (current == null) {
            current = new ArrayList<>(4);
            rounds.add(current);
        }
        current.add(a);
        return this;
    }

    List<List<Action>> rounds() {
        return rounds;
    }

    List<Runnable> endActions() {
        return atEnd;
    }

    /** Handles given out so far (the next one's number). */
    int handles() {
        return handles;
    }

    /** Takes over the handles numbered by a schedule built by {@link #expand}. */
    void handlesUsed(int next) {
        handles = Math.max(handles, next);
    }
}
