/**
 * Observability of a rank (internal, not API: may change without notice): the
 * {@link dev.jmpi.core.observe.Recorder} hooked into point-to-point and collective calls,
 * per-operation statistics, trace spans, JFR events, clock alignment across ranks, and the
 * job-wide report jmpirun prints and writes ({@code --stats}, {@code --trace}).
 */
package dev.jmpi.core.observe;
