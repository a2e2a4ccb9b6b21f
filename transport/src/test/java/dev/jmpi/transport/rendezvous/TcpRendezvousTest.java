package dev.jmpi.transport.rendezvous;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.jmpi.proto.Register;
import dev.jmpi.proto.RendezvousMessage;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link TcpRendezvousServer} with real {@link TcpRendezvousClient}s over loopback. */
@Timeout(60)
class TcpRendezvousTest {

    static final String JOB = "rdv-job";
    static final byte[] SECRET = "rendezvous-secret-0123456789abcd".getBytes(StandardCharsets.UTF_8);
    static final Duration WAIT = Duration.ofSeconds(30);

    private TcpRendezvousServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    private static RankAddress self(int rank) {
        return new RankAddress(rank, "10.0.0." + (rank + 1), 7100 + rank, "host-" + rank, 1000 + rank);
    }

    private CompletableFuture<List<RankAddress>> register(int rank, int size, byte[] secret, int port) {
        return CompletableFuture.supplyAsync(
                () -> new TcpRendezvousClient("127.0.0.1", port, JOB, secret, size).exchange(self(rank), WAIT));
    }

    private static Throwable cause(CompletableFuture<?> f) throws InterruptedException {
        try {
            f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("client did not finish", e);
        }
        throw new AssertionError("client succeeded but should have been refused");
    }

    @Test
    void everyClientReceivesTheFullTableIndexedByRank() throws Exception {
        server = TcpRendezvousServer.start("127.0.0.1", 0, JOB, SECRET, 4);
        List<CompletableFuture<List<RankAddress>>> clients = new ArrayList<>();
        for (int r = 3; r >= 0; r--) {
            clients.add(register(r, 4, SECRET, server.address().getPort()));
        }
        List<RankAddress> expected = List.of(self(0), self(1), self(2), self(3));
        for (CompletableFuture<List<RankAddress>> c : clients) {
            assertEquals(expected, c.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        }
        assertTrue(server.awaitComplete(WAIT));
    }

    @Test
    void wrongSecretIsRejectedWhileTheRealRanksComplete() throws Exception {
        server = TcpRendezvousServer.start("127.0.0.1", 0, JOB, SECRET, 2);
        int port = server.address().getPort();
        CompletableFuture<List<RankAddress>> impostor =
                register(1, 2, "wrong-secret-0123456789abcdefgh".getBytes(StandardCharsets.UTF_8), port);
        Throwable refused = cause(impostor);
        assertTrue(refused instanceof RendezvousException, String.valueOf(refused));
        assertTrue(
                refused.getMessage().contains("authentication failed for rank 1")
                        && refused.getMessage().contains("127.0.0.1:" + port),
                refused.getMessage());
        CompletableFuture<List<RankAddress>> r0 = register(0, 2, SECRET, port);
        CompletableFuture<List<RankAddress>> r1 = register(1, 2, SECRET, port);
        assertEquals(2, r0.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).size());
        assertEquals(2, r1.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).size());
    }

    @Test
    void duplicateAndOutOfRangeRanksAreRejected() throws Exception {
        server = TcpRendezvousServer.start("127.0.0.1", 0, JOB, SECRET, 2);
        int port = server.address().getPort();
        CompletableFuture<List<RankAddress>> first = register(0, 2, SECRET, port);
        awaitRegistered(0);
        Throwable dup = cause(register(0, 2, SECRET, port));
        assertTrue(dup.getMessage().contains("rank 0 is already registered"), dup.getMessage());
        Throwable range = cause(register(5, 2, SECRET, port));
        assertTrue(range.getMessage().contains("rank 5 (expected: 0 <= rank < 2)"), range.getMessage());
        register(1, 2, SECRET, port).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(2, first.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).size());
        Throwable late = cause(register(1, 2, SECRET, port));
        assertTrue(late.getMessage().contains("already complete"), late.getMessage());
    }

    private void awaitRegistered(int rank) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!server.registeredRanks().contains(rank)) {
            assertTrue(System.nanoTime() < deadline, "rank " + rank + " never registered");
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    @Test
    void rankThatDisconnectsBeforeCompletionCanRegisterAgain() throws Exception {
        server = TcpRendezvousServer.start("127.0.0.1", 0, JOB, SECRET, 2);
        int port = server.address().getPort();
        try (Socket s = new Socket("127.0.0.1", port)) {
            RendezvousMessage challenge = RendezvousWire.read(s.getInputStream());
            byte[] nonce = challenge.getChallenge().getNonce().toByteArray();
            RankAddress me = self(0);
            RendezvousWire.write(
                    s.getOutputStream(),
                    RendezvousMessage.newBuilder()
                            .setRegister(Register.newBuilder()
                                    .setProtocolMajor(1)
                                    .setJobId(JOB)
                                    .setRank(0)
                                    .setWorldSize(2)
                                    .setHost(me.host())
                                    .setPort(me.port())
                                    .setMac(ByteString.copyFrom(
                                            RendezvousWire.mac(SECRET, JOB, nonce, 0, me.host(), me.port()))))
                            .build());
            awaitRegistered(0);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server.registeredRanks().contains(0)) {
            assertTrue(System.nanoTime() < deadline, "registration of the vanished rank was kept");
            TimeUnit.MILLISECONDS.sleep(5);
        }
        CompletableFuture<List<RankAddress>> r0 = register(0, 2, SECRET, port);
        CompletableFuture<List<RankAddress>> r1 = register(1, 2, SECRET, port);
        assertEquals(self(0), r1.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).get(0));
        assertEquals(2, r0.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).size());
    }

    @Test
    void clientRetriesUntilALateServerStarts() throws Exception {
        int port;
        CompletableFuture<List<RankAddress>> client;
        // Something that accepts and hangs up stands in for a service that is not ready; once
        // the client has demonstrably retried, the real service takes over the port.
        try (ServerSocket notReady = new ServerSocket()) {
            notReady.setReuseAddress(true);
            notReady.bind(new InetSocketAddress("127.0.0.1", 0));
            port = notReady.getLocalPort();
            client = register(0, 1, SECRET, port);
            for (int attempt = 0; attempt < 2; attempt++) {
                notReady.accept().close();
            }
        }
        server = TcpRendezvousServer.start("127.0.0.1", port, JOB, SECRET, 1);
        assertEquals(List.of(self(0)), client.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void unreachableServiceFailsNamingItsAddress() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RendezvousException e = assertThrows(
                RendezvousException.class,
                () -> new TcpRendezvousClient("127.0.0.1", port, JOB, SECRET, 2)
                        .exchange(self(1), Duration.ofMillis(300)));
        assertTrue(
                e.getMessage().contains("rendezvous service at 127.0.0.1:" + port + " not reachable"), e.getMessage());
    }

    @Test
    void incompleteJobFailsTheWaitingClientAtTheDeadline() {
        server = TcpRendezvousServer.start("127.0.0.1", 0, JOB, SECRET, 3);
        RendezvousException e = assertThrows(
                RendezvousException.class,
                () -> new TcpRendezvousClient("127.0.0.1", server.address().getPort(), JOB, SECRET, 3)
                        .exchange(self(0), Duration.ofMillis(500)));
        assertTrue(e.getMessage().contains("not all 3 ranks registered"), e.getMessage());
    }
}
