package dev.jmpi.core.internal;

import dev.jmpi.proto.RankReport;
import dev.jmpi.proto.StartupMark;
import dev.jmpi.transport.rendezvous.Lifeline;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The {@link JobReporter} of a rank started by jmpirun: reports go to jmpirun over the
 * rank's rendezvous connection, kept open as its lifeline. Each kind of report is sent once
 * (the first {@code failed} is the one that counts). When the lifeline breaks, jmpirun is
 * gone, and {@link #launcherLost} ends this process.
 *
 * <p>Under {@code jmpirun --timeline} it also keeps the rank's {@link ExitTimeline} and sends
 * it as a {@code TIMELINE} report just before it closes the lifeline at the process's exit: one
 * more write on a connection that is open anyway, and none without the flag.
 */
final class LauncherLifeline implements JobReporter {

    /** How long shutdown hooks may run after the launcher is lost before the process halts. */
    static final long HALT_AFTER_MS = 3_000;
    /** Exit status of a rank whose launcher died (no one reads it; it marks the cause in logs). */
    static final int LAUNCHER_LOST_STATUS = 1;
    /** Longest cause line sent; the launcher prints it as one line. */
    static final int MAX_CAUSE_CHARS = 1_000;
    /** Longest detail sent: the headline, its causes and a few frames fit; a runaway message does not. */
    static final int MAX_DETAIL_CHARS = 8_000;

    private final int rank;
    private final Lifeline lifeline;
    private final AtomicBoolean finalizedSent = new AtomicBoolean();
    private final AtomicBoolean failedSent = new AtomicBoolean();
    private final @Nullable ExitTimeline exitTimeline;

    /** A reporter that also sends the end's marks when {@code timeline} ({@code jmpirun --timeline}) is on. */
    LauncherLifeline(int rank, Lifeline lifeline, boolean timeline) {
        this.rank = rank;
        this.lifeline = lifeline;
        this.exitTimeline = timeline ? new ExitTimeline() : null;
    }

    /** Reports that this rank joined the job, with when each start-up step happened. */
    void started(List<StartupMark> marks) {
        lifeline.report(RankReport.newBuilder()
                .setState(RankReport.State.STARTED)
                .setRank(rank)
                .addAllStartup(marks)
                .build());
    }

    @Override
    public void finalized() {
        if (finalizedSent.compareAndSet(false, true)) {
            lifeline.report(RankReport.newBuilder()
                    .setState(RankReport.State.FINALIZED)
                    .setRank(rank)
                    .build());
        }
    }

    @Override
    public void failed(int originRank, String cause, String detail) {
        if (failedSent.compareAndSet(false, true)) {
            lifeline.report(RankReport.newBuilder()
                    .setState(RankReport.State.FAILED)
                    .setRank(rank)
                    .setOriginRank(originRank)
                    .setCause(clip(cause, MAX_CAUSE_CHARS))
                    .setDetail(clip(detail, MAX_DETAIL_CHARS))
                    .build());
        }
    }

    @Override
    public void endMark(String name) {
        if (exitTimeline != null) {
            exitTimeline.mark(name);
        }
    }

    /**
     * Sends the end's marks under {@code --timeline}, then closes the lifeline (no "launcher
     * lost"), so its reader thread leaves its blocking read before the JVM exits. The report is
     * written before the close on the same connection, so jmpirun reads it before the end.
     */
    @Override
    public void processExiting() {
        if (exitTimeline != null) {
            lifeline.report(RankReport.newBuilder()
                    .setState(RankReport.State.TIMELINE)
                    .setRank(rank)
                    .addAllStartup(exitTimeline.marks())
                    .build());
        }
        lifeline.close();
    }

    static String clip(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        return text.length() <= maxChars
                ? text
                : text.substring(0, maxChars) + " [... " + (text.length() - maxChars) + " more characters]";
    }

    /**
     * The lifeline of {@code rank} to jmpirun at {@code service} broke: say so on stderr and
     * end the process (shutdown hooks run, bounded by {@link #HALT_AFTER_MS}).
     */
    static void launcherLost(int rank, String service, String reason) {
        System.err.println(
                "jmpi: rank " + rank + " lost its launcher (jmpirun at " + service + "): " + reason + "; exiting");
        System.err.flush();
        Thread halt = new Thread(
                () -> {
                    try {
                        Thread.sleep(HALT_AFTER_MS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    Runtime.getRuntime().halt(LAUNCHER_LOST_STATUS);
                },
                "jmpi-launcher-lost-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(LAUNCHER_LOST_STATUS);
    }
}
