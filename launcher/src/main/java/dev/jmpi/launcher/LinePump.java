package dev.jmpi.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.function.Consumer;

/**
 * Reads one stream of a rank line by line on its own daemon thread and hands each whole
 * line to a consumer; ends at EOF (the rank exited or closed the stream).
 */
final class LinePump {

    private final Thread thread;

    private LinePump(Thread thread) {
        this.thread = thread;
    }

    /** Starts a thread named {@code name} reading {@code in} in the platform charset. */
    static LinePump start(String name, InputStream in, Consumer<String> lines) {
        Thread t = new Thread(() -> pump(in, lines), name);
        t.setDaemon(true);
        t.start();
        return new LinePump(t);
    }

    private static void pump(InputStream in, Consumer<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.accept(line);
            }
        } catch (IOException e) {
            // The stream closed under us (process destroyed); nothing more to forward.
            return;
        }
    }

    /** Waits up to {@code millis} for the stream to end; returns whether it did. */
    boolean await(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
        return !thread.isAlive();
    }
}
