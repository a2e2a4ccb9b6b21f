package dev.jmpi.launcher;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Sends a signal to a pid with {@code kill}, locally or through a remote shell ({@code ssh HOST kill ...}). */
final class Signaller {

    private Signaller() {}

    /**
     * Runs {@code [remotePrefix...] kill -SIGNAL pid} without waiting for it.
     *
     * @param remotePrefix e.g. {@code [ssh, -o, BatchMode=yes, host]}, or empty for this host
     * @param signal       signal name without {@code SIG}, e.g. {@code TERM}
     * @return the started {@code kill} (or ssh) process, or {@code null} if it could not start
     */
    static Process signal(List<String> remotePrefix, String signal, long pid) {
        List<String> cmd = new ArrayList<>(remotePrefix);
        cmd.add("kill");
        cmd.add("-" + signal);
        cmd.add(Long.toString(pid));
        try {
            return new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            return null;
        }
    }
}
