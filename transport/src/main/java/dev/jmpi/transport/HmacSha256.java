package dev.jmpi.transport;

import java.util.Arrays;

/**
 * HMAC-SHA256 (RFC 2104) over {@link Sha256}, without {@code javax.crypto.Mac}. Why: the first
 * {@code Mac.getInstance("HmacSHA256")} of a JVM loads every configured security provider and
 * JCE's policy files, ~430 classes and ~0.1 s of CPU, paid by jmpirun and by every rank at
 * start-up (the rendezvous and handshake MACs); the JDK's {@code MessageDigest} still builds the
 * provider list and the SUN provider (see {@link Sha256}).
 * The result is the same bytes as {@code Mac} gives ({@code HmacSha256Test} checks RFC 4231's
 * vectors and random inputs against it). Stateless; any thread.
 */
public final class HmacSha256 {

    /** SHA-256's block size: keys are padded (or, if longer, first hashed) to this. */
    private static final int BLOCK_BYTES = Sha256.BLOCK_BYTES;

    private static final byte INNER_PAD = 0x36;
    private static final byte OUTER_PAD = 0x5c;

    private HmacSha256() {}

    /** HMAC-SHA256 of {@code message} under {@code key} (any length, empty included): 32 bytes. */
    public static byte[] mac(byte[] key, byte[] message) {
        Sha256 sha = new Sha256();
        byte[] k = key.length > BLOCK_BYTES ? Sha256.of(key) : key;
        byte[] pad = new byte[BLOCK_BYTES];
        for (int i = 0; i < BLOCK_BYTES; i++) {
            pad[i] = (byte) ((i < k.length ? k[i] : 0) ^ INNER_PAD);
        }
        sha.update(pad);
        sha.update(message);
        byte[] inner = sha.digest();
        for (int i = 0; i < BLOCK_BYTES; i++) {
            pad[i] ^= INNER_PAD ^ OUTER_PAD;
        }
        sha.update(pad);
        sha.update(inner);
        Arrays.fill(pad, (byte) 0);
        return sha.digest();
    }
}
