package dev.jmpi.launcher;

/** How ranks are placed on hosts ({@code --map-by}). */
public enum MapBy {
    /** Fill each host's slots before moving to the next host (mpirun's default). */
    SLOT,
    /** One rank per host in turn, round robin. */
    NODE
}
