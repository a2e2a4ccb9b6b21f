package dev.jmpi.transport.rendezvous;

import dev.jmpi.proto.RendezvousMessage;
import dev.jmpi.transport.HmacSha256;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The rendezvous protocol's framing and authentication: 4-byte big-endian length plus a
 * Protobuf {@link RendezvousMessage}; a registration is proven with HMAC-SHA256 over the job
 * secret of ("jmpi-rendezvous-v1", job id, the service's nonce, rank, host, port), each
 * field length-prefixed so no two inputs encode alike.
 */
final class RendezvousWire {

    /** Largest message either side accepts. */
    static final int MAX_MESSAGE_BYTES = 1 << 20;

    static final int PROTOCOL_MAJOR = 1;
    static final int PROTOCOL_MINOR = 0;

    private RendezvousWire() {}

    static void write(OutputStream out, RendezvousMessage m) throws IOException {
        byte[] body = m.toByteArray();
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(body.length);
        d.write(body);
        d.flush();
    }

    static RendezvousMessage read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        int length;
        try {
            length = d.readInt();
        } catch (EOFException e) {
            throw new EOFException("connection closed before a message arrived");
        }
        if (length < 0 || length > MAX_MESSAGE_BYTES) {
            throw new IOException("messageBytes=" + length + " (expected: 0.." + MAX_MESSAGE_BYTES + ")");
        }
        byte[] body = new byte[length];
        d.readFully(body);
        return RendezvousMessage.parseFrom(body);
    }

    static byte[] mac(byte[] secret, String jobId, byte[] nonce, int rank, String host, int port) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(bytes);
            field(d, "jmpi-rendezvous-v1".getBytes(StandardCharsets.UTF_8));
            field(d, jobId.getBytes(StandardCharsets.UTF_8));
            field(d, nonce);
            d.writeInt(rank);
            field(d, host.getBytes(StandardCharsets.UTF_8));
            d.writeInt(port);
            // An empty secret is MACed as one zero byte (what javax.crypto.Mac needed; HMAC pads
            // keys with zeros, so both give the same bytes).
            return HmacSha256.mac(secret.length == 0 ? new byte[1] : secret, bytes.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the rendezvous MAC's fields: " + e, e);
        }
    }

    private static void field(DataOutputStream d, byte[] b) throws IOException {
        d.writeInt(b.length);
        d.write(b);
    }
}
