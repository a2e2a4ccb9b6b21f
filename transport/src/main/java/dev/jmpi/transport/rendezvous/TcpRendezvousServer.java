package dev.jmpi.transport.rendezvous;

import com.google.protobuf.ByteString;
import dev.jmpi.proto.PeerAddress;
import dev.jmpi.proto.PeerTable;
import dev.jmpi.proto.Register;
import dev.jmpi.proto.RendezvousChallenge;
import dev.jmpi.proto.RendezvousError;
import dev.jmpi.proto.RendezvousMessage;
import dev.jmpi.transport.KernelRandom;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rendezvous service: collects every rank's listen address and, once all
 * {@code worldSize} ranks have registered, sends each of them the whole table. Hosted by
 * jmpirun, or by rank 0 when there is no launcher.
 *
 * <p>Every connection gets a fresh nonce; a registration must carry an HMAC over it with the
 * job secret. A wrong secret, another job, another protocol version, an out-of-range or
 * duplicate rank: that connection gets a {@link RendezvousError} naming the problem, is
 * closed and logged, and the service keeps waiting for the real ranks.
 *
 * <p>Hosted by jmpirun (with a {@link LifelineListener}), each rank's connection stays open
 * after the table as its lifeline: the rank reports how it ends on it, and when jmpirun dies
 * the connection closes and the rank exits. Without a listener (rank 0 hosting) the
 * connections close once the table is sent.
 *
 * <p>Threads: one acceptor, one handler per connection (for the job's life in lifeline
 * mode, with a small stack); the registration table is guarded by {@code this}.
 */
public final class TcpRendezvousServer implements AutoCloseable {

    /**
     * The logger, made at the first message rather than when the server starts: in jmpirun the
     * server starts before the first rank is forked, and SLF4J's start (finding its provider and
     * configuration on the class path) would delay every rank by ~10 ms.
     */
    private static final class Logging {
        static final Logger LOG = LoggerFactory.getLogger(TcpRendezvousServer.class);
    }

    private static final int READ_TIMEOUT_MS = 30_000;
    /** Handler threads only read small messages; jmpirun may hold a thousand of them. */
    private static final long HANDLER_STACK_BYTES = 256 * 1024;

    private final ServerSocket listener;
    private final String jobId;
    private final byte[] secret;
    private final int worldSize;
    private final @Nullable LifelineListener lifelines;
    private final SecureRandom random = KernelRandom.create();
    private final ExecutorService handlers;
    private final TreeMap<Integer, Registration> registered = new TreeMap<>();
    private final CountDownLatch complete = new CountDownLatch(1);
    private volatile boolean closed;
    /** Set once all ranks registered and the table is being sent; guarded by {@code this}. */
    private boolean tableSent;

    private record Registration(PeerAddress address, Socket socket) {}

    private TcpRendezvousServer(
            ServerSocket listener, String jobId, byte[] secret, int worldSize, @Nullable LifelineListener lifelines) {
        this.listener = listener;
        this.jobId = jobId;
        this.secret = secret.clone();
        this.worldSize = worldSize;
        this.lifelines = lifelines;
        this.handlers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(null, r, "jmpi-rendezvous-handler", HANDLER_STACK_BYTES);
            t.setDaemon(true);
            return t;
        });
        Thread acceptor = new Thread(this::acceptLoop, "jmpi-rendezvous-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Listens on {@code host:port} ({@code port} 0 = any free port) for a job of
     * {@code worldSize} ranks.
     *
     * @throws RendezvousException if the address cannot be bound, naming it
     */
    public static TcpRendezvousServer start(String host, int port, String jobId, byte[] secret, int worldSize) {
        return start(host, port, jobId, secret, worldSize, null);
    }

    /**
     * Like {@link #start(String, int, String, byte[], int)}, keeping every rank's connection
     * open after the table as its lifeline and telling {@code lifelines} what happens on
     * them (null: close them once the table is sent).
     */
    public static TcpRendezvousServer start(
            String host, int port, String jobId, byte[] secret, int worldSize, @Nullable LifelineListener lifelines) {
        if (worldSize < 1) {
            throw new IllegalArgumentException("worldSize=" + worldSize + " (expected: >= 1)");
        }
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            try {
                s.bind(new InetSocketAddress(InetAddress.getByName(host), port), 256);
            } catch (IOException e) {
                s.close();
                throw e;
            }
            return new TcpRendezvousServer(s, jobId, secret, worldSize, lifelines);
        } catch (IOException e) {
            throw new RendezvousException(
                    "cannot listen for the rendezvous on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The bound address (its port is the real one when started with port 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** Waits until every rank has received the table; false on timeout. */
    public boolean awaitComplete(Duration timeout) throws InterruptedException {
        return complete.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ranks registered so far, for progress messages. */
    public synchronized List<Integer> registeredRanks() {
        return new ArrayList<>(registered.keySet());
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = listener.accept();
                handlers.execute(() -> handle(s));
            } catch (IOException e) {
                if (!closed) {
                    Logging.LOG.warn("rendezvous {}: accept failed: {}", address(), e.toString());
                }
                return;
            }
        }
    }

    private void handle(Socket s) {
        String peer = String.valueOf(s.getRemoteSocketAddress());
        try {
            s.setSoTimeout(READ_TIMEOUT_MS);
            s.setTcpNoDelay(true);
            byte[] nonce = new byte[32];
            random.nextBytes(nonce);
            RendezvousWire.write(
                    s.getOutputStream(),
                    RendezvousMessage.newBuilder()
                            .setChallenge(RendezvousChallenge.newBuilder()
                                    .setProtocolMajor(RendezvousWire.PROTOCOL_MAJOR)
                                    .setProtocolMinor(RendezvousWire.PROTOCOL_MINOR)
                                    .setJobId(jobId)
                                    .setNonce(ByteString.copyFrom(nonce)))
                            .build());
            RendezvousMessage m = RendezvousWire.read(s.getInputStream());
            if (!m.hasRegister()) {
                refuse(s, peer, "expected a Register message, got " + m.getBodyCase());
                return;
            }
            String problem = validate(m.getRegister(), nonce);
            if (problem != null) {
                refuse(s, peer, problem);
                return;
            }
            if (register(m.getRegister(), s) || lifelines != null) {
                watch(m.getRegister().getRank(), s);
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                Logging.LOG.warn("rendezvous {}: dropped connection from {}: {}", address(), peer, e.toString());
            }
            closeQuietly(s);
        }
    }

    private @Nullable String validate(Register r, byte[] nonce) {
        if (r.getProtocolMajor() != RendezvousWire.PROTOCOL_MAJOR) {
            return "protocol major version " + r.getProtocolMajor() + " (expected: " + RendezvousWire.PROTOCOL_MAJOR
                    + ")";
        }
        if (!jobId.equals(r.getJobId())) {
            return "job id " + r.getJobId() + " (expected: " + jobId + ")";
        }
        byte[] expected = RendezvousWire.mac(secret, jobId, nonce, r.getRank(), r.getHost(), r.getPort());
        if (!MessageDigest.isEqual(expected, r.getMac().toByteArray())) {
            return "authentication failed for rank " + r.getRank() + " (expected: the job's secret)";
        }
        if (r.getRank() < 0 || r.getRank() >= worldSize) {
            return "rank " + r.getRank() + " (expected: 0 <= rank < " + worldSize + ")";
        }
        if (r.getWorldSize() != worldSize) {
            return "world size " + r.getWorldSize() + " (expected: " + worldSize + ")";
        }
        synchronized (this) {
            if (tableSent) {
                return "the job is already complete (all " + worldSize + " ranks registered)";
            }
            Registration previous = registered.get(r.getRank());
            if (previous != null && !previous.socket().isClosed()) {
                return "rank " + r.getRank() + " is already registered from "
                        + previous.address().getHost() + ":"
                        + previous.address().getPort() + " (expected: each rank once)";
            }
        }
        return null;
    }

    /**
     * Reads the registered rank's connection until it ends: closed by us (table sent, without
     * lifelines; or service closed), or by the rank. Reports are handed to the listener. A
     * rank that goes away before the table loses its registration, so that a restarted rank
     * can register again.
     */
    private void watch(int rank, Socket s) {
        try {
            s.setSoTimeout(0);
            while (true) {
                RendezvousMessage m = RendezvousWire.read(s.getInputStream());
                if (m.hasReport() && lifelines != null) {
                    lifelines.reported(
                            rank, m.getReport().toBuilder().setRank(rank).build());
                } else {
                    Logging.LOG.debug("rendezvous {}: ignored {} from rank {}", address(), m.getBodyCase(), rank);
                }
            }
        } catch (IOException e) {
            // Closed by us after sending the table, or by the rank: handled below.
            Logging.LOG.trace("rendezvous: connection of rank {} ended: {}", rank, e.toString());
        }
        synchronized (this) {
            Registration g = registered.get(rank);
            if (!tableSent && g != null && g.socket() == s) {
                registered.remove(rank);
                // With lifelines the launcher watches the rank's process and reports its end itself.
                String format = "rendezvous {}: rank {} disconnected before all {} ranks registered; dropped its "
                        + "registration ({} of {} registered)";
                if (lifelines == null) {
                    Logging.LOG.warn(format, address(), rank, worldSize, registered.size(), worldSize);
                } else {
                    Logging.LOG.debug(format, address(), rank, worldSize, registered.size(), worldSize);
                }
            }
        }
        closeQuietly(s);
        if (lifelines != null) {
            lifelines.closed(rank);
        }
    }

    /** Records the registration; returns true if the table is not complete yet. */
    private boolean register(Register r, Socket s) throws IOException {
        List<Registration> everyone = null;
        synchronized (this) {
            registered.put(
                    r.getRank(),
                    new Registration(
                            PeerAddress.newBuilder()
                                    .setRank(r.getRank())
                                    .setHost(r.getHost())
                                    .setPort(r.getPort())
                                    .setHostname(r.getHostname())
                                    .setPid(r.getPid())
                                    .build(),
                            s));
            Logging.LOG.debug(
                    "rendezvous {}: rank {} registered at {}:{} ({}/{})",
                    address(),
                    r.getRank(),
                    r.getHost(),
                    r.getPort(),
                    registered.size(),
                    worldSize);
            if (registered.size() == worldSize) {
                tableSent = true;
                everyone = new ArrayList<>(registered.values());
            }
        }
        if (lifelines != null) {
            lifelines.registered(r.getRank(), r.getHostname(), r.getPid());
        }
        if (everyone != null) {
            PeerTable.Builder table = PeerTable.newBuilder();
            for (Registration g : everyone) {
                table.addPeers(g.address());
            }
            RendezvousMessage msg =
                    RendezvousMessage.newBuilder().setTable(table).build();
            for (Registration g : everyone) {
                try {
                    RendezvousWire.write(g.socket().getOutputStream(), msg);
                } catch (IOException e) {
                    Logging.LOG.warn(
                            "rendezvous {}: could not send the table to rank {}: {}",
                            address(),
                            g.address().getRank(),
                            e.toString());
                } finally {
                    if (lifelines == null) {
                        closeQuietly(g.socket());
                    }
                }
            }
            complete.countDown();
            return false;
        }
        return true;
    }

    private void refuse(Socket s, String peer, String reason) {
        Logging.LOG.warn("rendezvous {}: refused connection from {}: {}", address(), peer, reason);
        try {
            RendezvousWire.write(
                    s.getOutputStream(),
                    RendezvousMessage.newBuilder()
                            .setError(RendezvousError.newBuilder().setReason(reason))
                            .build());
        } catch (IOException e) {
            Logging.LOG.debug("rendezvous: could not tell {} why: {}", peer, e.toString());
        }
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            Logging.LOG.trace("close failed", e);
        }
    }

    /** Stops listening and drops connections that are still waiting. Idempotent. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            Logging.LOG.trace("close failed", e);
        }
        synchronized (this) {
            for (Registration g : registered.values()) {
                closeQuietly(g.socket());
            }
        }
        handlers.shutdownNow();
    }
}
