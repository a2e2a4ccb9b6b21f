package dev.jmpi.transport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The mesh handshake's MACs: HMAC-SHA256 over the job secret of a list of fields, each
 * length-prefixed (strings and byte strings by a 4-byte big-endian length, ints as 4-byte
 * big-endian) so no two field lists encode to the same bytes.
 * <ul>
 *   <li>{@link #proof}: ({@value #LABEL}, "proof", role, verifier nonce, prover nonce). Proves
 *       the secret and says nothing else, so the dialer can go first without revealing who
 *       it is.</li>
 *   <li>{@link #identityMac}: ({@value #LABEL}, "identity", role, verifier nonce, prover nonce,
 *       job id, rank, world size). Proves the secret too, and binds the identity the sender
 *       claims to this connection.</li>
 * </ul>
 * Binding the verifier's fresh nonce defeats replay; binding the sender's role defeats
 * reflecting a MAC back to its sender. Stateless; any thread.
 */
final class MeshAuth {

    static final String LABEL = "jmpi-mesh-v2";
    static final int NONCE_BYTES = 32;

    /** Which end of the connection computed a MAC. */
    enum Role {
        DIALER,
        ACCEPTOR
    }

    private MeshAuth() {}

    static byte[] newNonce(SecureRandom random) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return nonce;
    }

    /** The proof that the {@code prover} knows the secret, for the verifier's nonce. */
    static byte[] proof(byte[] secret, Role prover, byte[] verifierNonce, byte[] proverNonce) {
        Fields f = new Fields()
                .text(LABEL)
                .text("proof")
                .text(prover.name())
                .bytes(verifierNonce)
                .bytes(proverNonce);
        return hmacSha256(secret, f.toByteArray());
    }

    /** The MAC over the identity the {@code prover} claims on this connection. */
    static byte[] identityMac(
            byte[] secret,
            Role prover,
            byte[] verifierNonce,
            byte[] proverNonce,
            String jobId,
            int rank,
            int worldSize) {
        Fields f = new Fields()
                .text(LABEL)
                .text("identity")
                .text(prover.name())
                .bytes(verifierNonce)
                .bytes(proverNonce)
                .text(jobId)
                .integer(rank)
                .integer(worldSize);
        return hmacSha256(secret, f.toByteArray());
    }

    /** Constant-time comparison of the received MAC with the expected one. */
    static boolean verify(byte[] expected, byte[] received) {
        return MessageDigest.isEqual(expected, received);
    }

    static byte[] hmacSha256(byte[] key, byte[] message) {
        return HmacSha256.mac(key, message);
    }

    /** Length-prefixed field encoding. */
    private static final class Fields extends ByteArrayOutputStream {
        Fields text(String s) {
            return bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        Fields bytes(byte[] b) {
            integer(b.length);
            writeBytes(b);
            return this;
        }

        Fields integer(int v) {
            write(v >>> 24);
            write(v >>> 16);
            write(v >>> 8);
            write(v);
            return this;
        }
    }
}
