package dev.jmpi.transport.rendezvous;

/**
 * Where one rank listens.
 *
 * @param rank     the rank
 * @param host     address other ranks dial (IP literal or resolvable name)
 * @param port     listen port
 * @param hostname the machine's own name, for messages
 * @param pid      the rank's process id, for messages ({@code -1} if unknown)
 */
public record RankAddress(int rank, String host, int port, String hostname, long pid) {

    /** {@code host:port}. */
    public String hostPort() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
