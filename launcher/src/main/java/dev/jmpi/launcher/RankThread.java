package dev.jmpi.launcher;

import dev.jmpi.transport.ThreadRank;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.function.Consumer;

/**
 * One rank of a {@code --threads} job: a thread named {@code main}, as a rank process's,
 * whose context class loader is the rank's own {@link RankClassLoader}, running the program's
 * {@code main}. Its exit status follows a JVM's: 0 when {@code main} returns, 1 when it throws
 * (the trace printed to the rank's stderr as Java prints it, and the rank's world told, so
 * its peers fail naming it), the abort code when it ends with jmpi's {@code AbortedException}.
 *
 * <p>The status is written once by the rank's thread and read by the supervising thread
 * after {@code onEnd} ran.
 */
final class RankThread {

    private static final String ABORTED_EXCEPTION = "dev.jmpi.AbortedException";

    private final int rank;
    private final RankClassLoader loader;
    private final ThreadRank handle;
    private final Thread thread;
    private volatile int status = -1;

    RankThread(int rank, RankClassLoader loader, ThreadRank handle, AppTarget app, Consumer<RankThread> onEnd) {
        this.rank = rank;
        this.loader = loader;
        this.handle = handle;
        this.thread = new Thread(
                () -> {
                    int exit = 1;
                    try {
                        exit = runMain(app);
                    } catch (Throwable reportingFailed) {
                        // Printing the program's failure failed too (out of memory, a closed stream):
                        // the rank still ends with status 1 and the supervisor still hears of it.
                        exit = 1;
                    } finally {
                        status = exit;
                        onEnd.accept(this);
                    }
                },
                "main");
        thread.setContextClassLoader(loader);
        // Abandoned ranks (computing past the grace period) must not keep the JVM alive.
        thread.setDaemon(true);
    }

    void start() {
        ThreadRank.publish(loader, handle);
        thread.start();
    }

    int rank() {
        return rank;
    }

    /** The exit status, or -1 while the rank runs. */
    int status() {
        return status;
    }

    /** The rank whose failure made this one fail, as its world reported it; its own rank if none was. */
    int failureOrigin() {
        int origin = handle.failureOrigin();
        return origin < 0 ? rank : origin;
    }

    boolean alive() {
        return thread.isAlive();
    }

    /** Waits up to {@code millis} for the rank to end; true if it has. */
    boolean awaitEnd(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
        return !thread.isAlive();
    }

    /**
     * Another rank failed or the job timed out: break this rank's world (every thread blocked
     * in jmpi wakes with {@code reason}) and interrupt its main thread (a sleep or a wait wakes).
     */
    void stop(String reason) {
        ThreadRank.Hooks hooks = handle.hooks();
        if (hooks != null) {
            hooks.breakWorld().accept(reason);
        }
        thread.interrupt();
    }

    /** One line per operation the rank is blocked in (empty before it joined). */
    List<String> pendingOperations() {
        ThreadRank.Hooks hooks = handle.hooks();
        return hooks == null ? List.of() : hooks.pending().get();
    }

    /** Releases the rank's transport and class loader (the job is over, or the rank abandoned). */
    void release() {
        ThreadRank.Hooks hooks = handle.hooks();
        if (hooks != null) {
            try {
                hooks.close().run();
            } catch (RuntimeException e) {
                System.err.println("jmpirun: rank " + rank + ": closing its world failed: " + e);
            }
        }
        ThreadRank.withdraw(loader);
        if (!thread.isAlive()) {
            try {
                loader.close();
            } catch (IOException e) {
                System.err.println("jmpirun: rank " + rank + ": closing its class loader failed: " + e);
            }
        }
    }

    private int runMain(AppTarget app) {
        try {
            Class<?> mainClass = Class.forName(app.mainClass(), true, loader);
            if (mainClass.getClassLoader() != loader) {
                System.err.println("Error: main class " + app.mainClass() + " was found on jmpi's own class path,"
                        + " not on -cp; with --threads give it with -cp, so that each rank gets its own copy");
                return 1;
            }
            Method main = mainClass.getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers())) {
                System.err.println("Error: main method is not static in class " + app.mainClass());
                return 1;
            }
            main.invoke(null, (Object) app.args().toArray(new String[0]));
            return 0;
        } catch (InvocationTargetException e) {
            return failed(e.getCause());
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException | LinkageError e) {
            System.err.println("Error: could not run main class " + app.mainClass() + " as rank " + rank + ": " + e);
            return 1;
        }
    }

    private int failed(Throwable error) {
        System.err.print("Exception in thread \"main\" ");
        error.printStackTrace();
        ThreadRank.Hooks hooks = handle.hooks();
        if (hooks != null) {
            try {
                hooks.programFailed().accept(error);
            } catch (RuntimeException e) {
                System.err.println("jmpirun: rank " + rank + ": telling its peers failed: " + e);
            }
        }
        return abortCode(error);
    }

    /** The exit code an {@code AbortedException} carries (the code a rank process exits with), else 1. */
    private static int abortCode(Throwable error) {
        for (Class<?> c = error.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(ABORTED_EXCEPTION)) {
                try {
                    int code = (int) c.getMethod("exitCode").invoke(error);
                    return code == 0 ? 1 : code;
                } catch (ReflectiveOperationException | ClassCastException e) {
                    return 1;
                }
            }
        }
        return 1;
    }
}
