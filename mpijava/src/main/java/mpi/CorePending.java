package mpi;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** A core request and the step that turns its status into the facade's (run once). */
final class CorePending implements Pending {

    private final dev.jmpi.Request request;
    private final Function<dev.jmpi.Status, Status> finisher;
    private Status result;

    CorePending(dev.jmpi.Request request, Function<dev.jmpi.Status, Status> finisher) {
        this.request = request;
        this.finisher = finisher;
    }

    @Override
    public synchronized boolean poll() {
        if (result != null) {
            return true;
        }
        if (!request.test()) {
            return false;
        }
        result = finisher.apply(request.status().orElseThrow()); // test() said it completed
        return true;
    }

    @Override
    public Status await() {
        dev.jmpi.Status s = request.await();
        synchronized (this) {
            if (result == null) {
                result = finisher.apply(s);
            }
            return result;
        }
    }

    @Override
    public boolean cancel() {
        return request.cancel();
    }

    @Override
    public CompletableFuture<?> whenDone() {
        return request.toCompletableFuture();
    }
}
