package dev.jmpi.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The mesh handshake's proof: HMAC-SHA256 over the job secret of
 * ({@value #LABEL}, job id, the verifier's nonce, prover rank, verifier rank). Every field
 * is length-prefixed (strings and byte strings by a 4-byte big-endian length, ranks as
 * 4-byte big-endian ints) so no two field lists encode to the same bytes. Binding the
 * verifier's fresh nonce defeats replay; binding both ranks in order defeats reflecting a
 * proof back to its sender. Stateless; any thread.
 */
final class MeshAuth {

    static final String LABEL = "jmpi-mesh-v1";
    static final int NONCE_BYTES = 32;

    private MeshAuth() {
    }

    static byte[] newNonce(SecureRandom random) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return nonce;
    }

    /** The proof that {@code proverRank} knows the secret, for {@code verifierRank}'s nonce. */
    static byte[] proof(byte[] secret, String jobId, byte[] verifierNonce, int proverRank, int verifierRank) {
        byte[] label = LABEL.getBytes(StandardCharsets.UTF_8);
        byte[] job = jobId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer msg = ByteBuffer.allocate(4 + label.length + 4 + job.length + 4 + verifierNonce.length + 8);
        msg.putInt(label.length).put(label).putInt(job.length).put(job)
                .putInt(verifierNonce.length).put(verifierNonce).putInt(proverRank).putInt(verifierRank);
        return hmacSha256(secret, msg.array());
    }

    /** Constant-time comparison of the received proof with the expected one. */
    static boolean verify(byte[] expected, byte[] received) {
        return MessageDigest.isEqual(expected, received);
    }

    static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }
}
