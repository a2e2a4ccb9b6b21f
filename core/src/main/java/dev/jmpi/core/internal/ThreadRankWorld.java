package dev.jmpi.core.internal;

import dev.jmpi.transport.ThreadRank;
import org.jspecify.annotations.Nullable;

/**
 * Builds the world of a rank that runs as threads of a shared JVM ({@code jmpirun --threads}):
 * the rank's identity and transport come from the {@link ThreadRank} handle the launcher
 * published for this copy of the core's classes, not from environment variables.
 *
 * <p>The world's connections stay open after finalize until the launcher closes them at
 * the end of the job (as a process rank keeps them until it exits), so an exception thrown
 * after a try-with-resources closed the world still reaches the peers. An abort or a
 * broken world never exits the JVM: the launcher owns every rank's end.
 */
final class ThreadRankWorld {

    private ThreadRankWorld() {}

    /** The handle published for this copy of the core, or null when this rank is a process. */
    static @Nullable ThreadRank handle() {
        return ThreadRank.of(ThreadRankWorld.class.getClassLoader());
    }

    /** The world communicator of the rank {@code handle} names; {@code onClose} runs after finalize. */
    static WorldCommunicator join(ThreadRank handle, JmpiConfig config, Runnable onClose) {
        World world = new World(handle.transport(), false, config);
        world.closeAtExit();
        world.reportTo(new JobReporter() {
            @Override
            public void finalized() {}

            @Override
            public void failed(int originRank, String cause, String detail) {
                handle.reportFailure(originRank);
            }
        });
        handle.attach(
                new ThreadRank.Hooks(world::programFailed, world::failLocally, world::close, world::pendingOperations));
        return new WorldCommunicator(world, handle.opTimeout(), onClose);
    }
}
