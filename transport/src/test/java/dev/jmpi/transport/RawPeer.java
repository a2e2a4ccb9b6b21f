package dev.jmpi.transport;

import com.google.protobuf.ByteString;
import dev.jmpi.proto.AuthProof;
import dev.jmpi.proto.Frame;
import dev.jmpi.proto.HandshakeMessage;
import dev.jmpi.proto.Hello;
import dev.jmpi.proto.RankIdentity;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;

/**
 * A hand-driven peer on a blocking socket: speaks the mesh handshake (correctly, or
 * wrongly on purpose), sends frames or arbitrary bytes, and observes how the mesh reacts.
 */
final class RawPeer implements Closeable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    /** Everything this peer sent, for replay tests. */
    final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    /** What the acceptor said about itself in the last {@link #handshake}, once we had proved the secret. */
    RankIdentity acceptorIdentity;

    private RawPeer(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawPeer connect(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.connect(address, 10_000);
        s.setTcpNoDelay(true);
        s.setSoTimeout(30_000);
        return new RawPeer(s);
    }

    void sendRaw(byte[] bytes) throws IOException {
        sent.write(bytes);
        out.write(bytes);
        out.flush();
    }

    void sendHandshake(HandshakeMessage m) throws IOException {
        byte[] body = m.toByteArray();
        byte[] framed = new byte[4 + body.length];
        framed[0] = (byte) (body.length >>> 24);
        framed[1] = (byte) (body.length >>> 16);
        framed[2] = (byte) (body.length >>> 8);
        framed[3] = (byte) body.length;
        System.arraycopy(body, 0, framed, 4, body.length);
        sendRaw(framed);
    }

    HandshakeMessage readHandshake() throws IOException {
        int len = in.readInt();
        byte[] body = new byte[len];
        in.readFully(body);
        return HandshakeMessage.parseFrom(body);
    }

    void sendFrame(Frame frame) throws IOException {
        byte[] body = frame.toByteArray();
        byte[] framed = new byte[4 + body.length];
        framed[0] = (byte) (body.length >>> 24);
        framed[1] = (byte) (body.length >>> 16);
        framed[2] = (byte) (body.length >>> 8);
        framed[3] = (byte) body.length;
        System.arraycopy(body, 0, framed, 4, body.length);
        sendRaw(framed);
    }

    /**
     * Runs the dialer side of the handshake as {@code rank}; returns null when the acceptor
     * admitted us, or the reason from its Reject. {@link #acceptorIdentity} then holds what
     * the acceptor revealed about itself.
     */
    String handshake(int major, String job, int rank, int size, byte[] secret, int acceptorRank) throws IOException {
        byte[] nonce = new byte[32];
        new SecureRandom().nextBytes(nonce);
        sendHandshake(HandshakeMessage.newBuilder()
                .setHello(Hello.newBuilder()
                        .setProtocolMajor(major)
                        .setProtocolMinor(0)
                        .setNonce(ByteString.copyFrom(nonce)))
                .build());
        HandshakeMessage hello = readHandshake();
        if (hello.hasReject()) {
            return hello.getReject().getReason();
        }
        byte[] acceptorNonce = hello.getHello().getNonce().toByteArray();
        byte[] proof = MeshAuth.proof(secret, MeshAuth.Role.DIALER, acceptorNonce, nonce);
        sendHandshake(HandshakeMessage.newBuilder()
                .setProof(AuthProof.newBuilder().setMac(ByteString.copyFrom(proof)))
                .build());
        HandshakeMessage answer = readHandshake();
        if (answer.hasReject()) {
            return answer.getReject().getReason();
        }
        if (!answer.hasIdentity()) {
            throw new IOException("expected the acceptor's identity, got " + answer.getBodyCase());
        }
        acceptorIdentity = answer.getIdentity();
        if (acceptorIdentity.getRank() != acceptorRank) {
            throw new IOException("dialed rank " + acceptorRank + ", reached " + acceptorIdentity);
        }
        byte[] mac = MeshAuth.identityMac(secret, MeshAuth.Role.DIALER, acceptorNonce, nonce, job, rank, size);
        sendHandshake(HandshakeMessage.newBuilder()
                .setIdentity(RankIdentity.newBuilder()
                        .setJobId(job)
                        .setRank(rank)
                        .setWorldSize(size)
                        .setMac(ByteString.copyFrom(mac)))
                .build());
        HandshakeMessage admission = readHandshake();
        if (admission.hasReject()) {
            return admission.getReject().getReason();
        }
        if (!admission.hasAdmitted()) {
            throw new IOException("expected Admitted, got " + admission.getBodyCase());
        }
        return null;
    }

    /** Every byte the other side sends until it closes the connection (or the socket times out). */
    byte[] readToEnd() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        InputStream raw = socket.getInputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = raw.read(buf)) >= 0) {
                all.write(buf, 0, n);
            }
        } catch (IOException e) {
            if (!"Connection reset".equals(e.getMessage())) {
                throw e;
            }
        }
        return all.toByteArray();
    }

    /** Reads until the other side closes; true if it did within the socket timeout. */
    boolean awaitClosedByPeer() throws IOException {
        InputStream raw = socket.getInputStream();
        byte[] buf = new byte[8192];
        try {
            while (raw.read(buf) >= 0) {
                // Discard whatever the peer still sends (heartbeats, a Reject).
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (EOFException e) {
            return true;
        } catch (IOException e) {
            return "Connection reset".equals(e.getMessage());
        }
    }

    /** Sends FIN: the peer sees the stream end, we can still read its reaction. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
