package dev.jmpi.launcher;

/**
 * Where one rank runs.
 *
 * @param rank      the rank
 * @param host      the host, as listed by the user
 * @param localRank index of this rank among the ranks on its host
 * @param localSize number of ranks on its host
 */
public record Placement(int rank, String host, int localRank, int localSize) {}
