/**
 * Fault trials: break a running 4-rank job at a random moment (SIGKILL or SIGSTOP a rank, an
 * exception in a rank's program, SIGKILL of jmpirun) and measure how it ends: hangs, time
 * from the fault to the end, whether jmpirun named the cause, processes left behind.
 * {@link dev.jmpi.bench.faults.FaultTrials} is the command; {@code bench/fault-trials.sh}
 * runs it from a built checkout.
 */
package dev.jmpi.bench.faults;
