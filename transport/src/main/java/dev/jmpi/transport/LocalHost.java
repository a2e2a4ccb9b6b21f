package dev.jmpi.transport;

/** This machine's name as ranks publish it, for messages ("rank 3 (node7:41000)"). */
public final class LocalHost {

    private LocalHost() {}

    /** {@code $HOSTNAME} if set (containers, Slurm), else the resolver's name, else "unknown". */
    public static String name() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isEmpty()) {
            return h;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
