package dev.jmpi.launcher;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Runs jmpirun in this JVM with captured stdout/stderr, as a test would from the command line. */
final class Jmpirun {

    /** Keeps rank JVMs small and quick to start on a 2-core machine. */
    static final List<String> LEAN_RANK_JVM = List.of(
            "--jvm-opt=-XX:TieredStopAtLevel=1",
            "--jvm-opt=-XX:+UseSerialGC",
            "--jvm-opt=-Xmx64m",
            "--jvm-opt=-Xshare:auto",
            "--jvm-opt=-XX:-UsePerfData");

    static final String APPS = "dev.jmpi.launcher.apps.";

    private Jmpirun() {}

    /** Runs with empty stdin. */
    static Result run(String... args) {
        return runWithStdin("", args);
    }

    /** Runs with {@code stdin} as jmpirun's standard input. */
    static Result runWithStdin(String stdin, String... args) {
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = JmpiRun.configure(new CommandLine(new JmpiRun(in)))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** {@code args} with the lean rank JVM options in front. */
    static String[] lean(String... args) {
        List<String> all = new ArrayList<>(LEAN_RANK_JVM);
        all.addAll(Arrays.asList(args));
        return all.toArray(new String[0]);
    }

    /** What a run printed and returned. */
    record Result(int exitCode, String out, String err) {

        List<String> outLines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
        }

        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\\R"));
        }

        /** Pids announced by test ranks ({@code rank N pid=P}). */
        List<Long> pids() {
            List<Long> pids = new ArrayList<>();
            Matcher m = Pattern.compile("rank \\d+ pid=(\\d+)").matcher(out);
            while (m.find()) {
                pids.add(Long.parseLong(m.group(1)));
            }
            return pids;
        }

        @Override
        public String toString() {
            return "exit=" + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }
}
