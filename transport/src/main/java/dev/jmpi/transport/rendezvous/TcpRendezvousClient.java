package dev.jmpi.transport.rendezvous;

import com.google.protobuf.ByteString;
import dev.jmpi.proto.PeerAddress;
import dev.jmpi.proto.Register;
import dev.jmpi.proto.RendezvousChallenge;
import dev.jmpi.proto.RendezvousMessage;
import dev.jmpi.transport.internal.Backoff;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Registers with a {@link TcpRendezvousServer} and waits for the table. The service may not
 * be up yet (ranks and containers start in any order, DNS names appear late), so connecting
 * is retried with backoff until the deadline; then the failure names the service address and
 * the last error.
 *
 * <p>With {@link #keepLifeline} (ranks started by jmpirun) the connection stays open after
 * the table as the rank's {@link Lifeline}, and a refused connection fails at once: jmpirun's
 * service listens before any rank starts, so a refusal means jmpirun is gone.
 */
public final class TcpRendezvousClient implements Rendezvous {

    private final String host;
    private final int port;
    private final String jobId;
    private final byte[] secret;
    private final int worldSize;
    private @Nullable Consumer<String> onLost;
    private volatile @Nullable Lifeline lifeline;

    /** A client of the service at {@code host:port} for a job of {@code worldSize} ranks. */
    public TcpRendezvousClient(String host, int port, String jobId, byte[] secret, int worldSize) {
        this.host = host;
        this.port = port;
        this.jobId = jobId;
        this.secret = secret.clone();
        this.worldSize = worldSize;
    }

    /**
     * Keeps the connection after the table as this rank's lifeline to its launcher;
     * {@code onLost} is called once, with the reason, if the launcher goes away.
     *
     * @return this client
     */
    public TcpRendezvousClient keepLifeline(Consumer<String> onLost) {
        this.onLost = onLost;
        return this;
    }

    /** The lifeline, once {@link #exchange} succeeded with {@link #keepLifeline}; else null. */
    public @Nullable Lifeline lifeline() {
        return lifeline;
    }

    @Override
    public List<RankAddress> exchange(RankAddress self, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String service = host + ":" + port;
        Backoff backoff = Backoff.connecting(deadline, System::nanoTime);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            Socket s = new Socket();
            try {
                int left = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (deadline - System.nanoTime()) / 1_000_000));
                s.connect(new InetSocketAddress(host, port), Math.min(left, 5000));
                s.setTcpNoDelay(true);
                s.setSoTimeout(left);
                List<RankAddress> table = register(s, self, service);
                if (onLost != null) {
                    lifeline = Lifeline.watch(s, service, self.rank(), onLost);
                    s = null;
                }
                return table;
            } catch (java.net.ConnectException e) {
                if (onLost != null) {
                    throw new RendezvousException(
                            "rank " + self.rank() + ": jmpirun's rendezvous at " + service + " refused the connection ("
                                    + e.getMessage() + "); jmpirun is gone",
                            e);
                }
                last = e;
            } catch (IOException e) {
                last = e;
            } finally {
                closeQuietly(s);
            }
            long delayMs = backoff.nextDelayMs();
            // The last wait ends at the deadline rather than giving up early: one more try then.
            sleep(delayMs >= 0 ? delayMs : Math.max(1, backoff.remainingMs()));
        }
        throw new RendezvousException(
                "rank " + self.rank() + ": rendezvous service at " + service
                        + " not reachable within " + timeout.toMillis() + " ms (last error: " + last
                        + "); is the launcher or rank 0 running, and is the address reachable from this host?",
                last);
    }

    private List<RankAddress> register(Socket s, RankAddress self, String service) throws IOException {
        RendezvousMessage first = RendezvousWire.read(s.getInputStream());
        if (first.hasError()) {
            throw new RendezvousException("rendezvous at " + service + " refused rank " + self.rank() + ": "
                    + first.getError().getReason());
        }
        if (!first.hasChallenge()) {
            throw new RendezvousException(
                    "rendezvous at " + service + " sent " + first.getBodyCase() + " (expected: a challenge)");
        }
        RendezvousChallenge c = first.getChallenge();
        if (c.getProtocolMajor() != RendezvousWire.PROTOCOL_MAJOR) {
            throw new RendezvousException("rendezvous at " + service + " speaks protocol " + c.getProtocolMajor()
                    + "." + c.getProtocolMinor() + " but this rank speaks " + RendezvousWire.PROTOCOL_MAJOR + "."
                    + RendezvousWire.PROTOCOL_MINOR);
        }
        if (!jobId.equals(c.getJobId())) {
            throw new RendezvousException(
                    "rendezvous at " + service + " serves job " + c.getJobId() + " (expected: " + jobId + ")");
        }
        byte[] mac =
                RendezvousWire.mac(secret, jobId, c.getNonce().toByteArray(), self.rank(), self.host(), self.port());
        RendezvousWire.write(
                s.getOutputStream(),
                RendezvousMessage.newBuilder()
                        .setRegister(Register.newBuilder()
                                .setProtocolMajor(RendezvousWire.PROTOCOL_MAJOR)
                                .setJobId(jobId)
                                .setRank(self.rank())
                                .setWorldSize(worldSize)
                                .setHost(self.host())
                                .setPort(self.port())
                                .setHostname(self.hostname())
                                .setPid(self.pid())
                                .setMac(ByteString.copyFrom(mac)))
                        .build());
        RendezvousMessage answer;
        try {
            answer = RendezvousWire.read(s.getInputStream());
        } catch (java.net.SocketTimeoutException e) {
            throw new RendezvousException(
                    "rank " + self.rank() + " registered with the rendezvous at " + service
                            + " but not all " + worldSize
                            + " ranks registered before the deadline; check that every rank "
                            + "was started and can reach " + service,
                    e);
        }
        if (answer.hasError()) {
            throw new RendezvousException("rendezvous at " + service + " refused rank " + self.rank() + ": "
                    + answer.getError().getReason());
        }
        if (!answer.hasTable()) {
            throw new RendezvousException(
                    "rendezvous at " + service + " sent " + answer.getBodyCase() + " (expected: the peer table)");
        }
        List<RankAddress> table = new ArrayList<>();
        for (PeerAddress p : answer.getTable().getPeersList()) {
            table.add(new RankAddress(p.getRank(), p.getHost(), p.getPort(), p.getHostname(), p.getPid()));
        }
        table.sort(Comparator.comparingInt(RankAddress::rank));
        for (int r = 0; r < table.size(); r++) {
            if (table.get(r).rank() != r) {
                throw new RendezvousException("rendezvous at " + service + " sent a table without rank " + r);
            }
        }
        if (table.size() != worldSize) {
            throw new RendezvousException(
                    "rendezvous at " + service + " sent " + table.size() + " addresses (expected: " + worldSize + ")");
        }
        return table;
    }

    private static void closeQuietly(@Nullable Socket s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // Closing a socket that failed to connect has nothing left to report.
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RendezvousException("interrupted while waiting to retry the rendezvous", e);
        }
    }
}
