package dev.jmpi;

import java.time.Duration;

/**
 * One operation's totals on one rank, part of {@link Statistics}. A call's time runs from
 * its start to its completion (for {@code isend}/{@code irecv}, until the request
 * completes, not until {@code await}); its bytes are the payload sent or received (a
 * collective counts its call's {@code count} elements). Percentiles come from a histogram
 * with 8 buckets per power of two, so they are within 12.5%.
 *
 * @param operation the operation's name ({@code send}, {@code recv}, {@code allreduce}, ...)
 * @param algorithm for a collective, the algorithm that ran ({@code binomial tree}, {@code ring},
 *                  ...; several, sorted and joined with ", ", when the calls' sizes chose different ones);
 *                  empty for point-to-point calls
 * @param calls completed calls
 * @param bytes payload bytes of those calls
 * @param totalTime time inside jmpi, summed over the calls
 * @param p50 median time of a call
 * @param p99 99th percentile time of a call
 * @param max longest call
 */
public record OperationStatistics(
        String operation,
        String algorithm,
        long calls,
        long bytes,
        Duration totalTime,
        Duration p50,
        Duration p99,
        Duration max) {}
