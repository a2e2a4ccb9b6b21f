package dev.jmpi.transport;

import java.util.Arrays;

/**
 * SHA-256 (FIPS 180-4) in plain Java, for the few digests jmpi takes while a JVM starts: the
 * rendezvous and handshake MACs ({@link HmacSha256}), a derived job secret, and jmpirun's cache
 * keys. Why not {@code MessageDigest}: its first use in a JVM builds the security provider list
 * and registers the SUN provider's ~100 services, 20-35 ms of interpreted start-up in jmpirun and
 * in every rank, for digests of a few hundred bytes that this class hashes in microseconds
 * ({@code Sha256Test} checks it against {@code MessageDigest} on FIPS vectors and random inputs).
 * Not for bulk data: the JDK's digest has CPU intrinsics. Not thread-safe; {@link #digest()}
 * resets it for reuse.
 */
public final class Sha256 {

    /** Digest length in bytes. */
    public static final int DIGEST_BYTES = 32;

    /** Block length in bytes. */
    public static final int BLOCK_BYTES = 64;

    private static final int[] K = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    };

    private static final int[] INITIAL = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };

    private final int[] state = INITIAL.clone();
    private final int[] schedule = new int[64];
    private final byte[] block = new byte[BLOCK_BYTES];
    private int blockFill;
    private long totalBytes;

    /** The digest of {@code data}: 32 bytes. */
    public static byte[] of(byte[] data) {
        Sha256 sha = new Sha256();
        sha.update(data);
        return sha.digest();
    }

    /** Adds {@code b}. */
    public void update(byte b) {
        block[blockFill++] = b;
        totalBytes++;
        if (blockFill == BLOCK_BYTES) {
            compress(block, 0);
            blockFill = 0;
        }
    }

    /** Adds all of {@code data}. */
    public void update(byte[] data) {
        update(data, 0, data.length);
    }

    /** Adds {@code length} bytes of {@code data} from {@code offset}. */
    public void update(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException(
                    "range [" + offset + ", " + offset + " + " + length + ") of an array of " + data.length);
        }
        totalBytes += length;
        int end = offset + length;
        if (blockFill > 0) {
            int take = Math.min(BLOCK_BYTES - blockFill, length);
            System.arraycopy(data, offset, block, blockFill, take);
            blockFill += take;
            offset += take;
            if (blockFill < BLOCK_BYTES) {
                return;
            }
            compress(block, 0);
            blockFill = 0;
        }
        for (; end - offset >= BLOCK_BYTES; offset += BLOCK_BYTES) {
            compress(data, offset);
        }
        System.arraycopy(data, offset, block, 0, end - offset);
        blockFill = end - offset;
    }

    /** The digest of everything added since creation or the last digest (32 bytes); then resets. */
    public byte[] digest() {
        long bits = totalBytes * 8;
        block[blockFill++] = (byte) 0x80;
        if (blockFill > BLOCK_BYTES - 8) {
            Arrays.fill(block, blockFill, BLOCK_BYTES, (byte) 0);
            compress(block, 0);
            blockFill = 0;
        }
        Arrays.fill(block, blockFill, BLOCK_BYTES - 8, (byte) 0);
        for (int i = 0; i < 8; i++) {
            block[BLOCK_BYTES - 1 - i] = (byte) (bits >>> (8 * i));
        }
        compress(block, 0);
        byte[] out = new byte[DIGEST_BYTES];
        for (int i = 0; i < 8; i++) {
            int h = state[i];
            out[4 * i] = (byte) (h >>> 24);
            out[4 * i + 1] = (byte) (h >>> 16);
            out[4 * i + 2] = (byte) (h >>> 8);
            out[4 * i + 3] = (byte) h;
        }
        reset();
        return out;
    }

    /** Forgets everything added. */
    public void reset() {
        System.arraycopy(INITIAL, 0, state, 0, INITIAL.length);
        Arrays.fill(block, (byte) 0);
        blockFill = 0;
        totalBytes = 0;
    }

    private void compress(byte[] data, int offset) {
        int[] w = schedule;
        for (int t = 0; t < 16; t++) {
            int i = offset + 4 * t;
            w[t] = (data[i] << 24) | ((data[i + 1] & 0xff) << 16) | ((data[i + 2] & 0xff) << 8) | (data[i + 3] & 0xff);
        }
        for (int t = 16; t < 64; t++) {
            int s0 = Integer.rotateRight(w[t - 15], 7) ^ Integer.rotateRight(w[t - 15], 18) ^ (w[t - 15] >>> 3);
            int s1 = Integer.rotateRight(w[t - 2], 17) ^ Integer.rotateRight(w[t - 2], 19) ^ (w[t - 2] >>> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        int a = state[0];
        int b = state[1];
        int c = state[2];
        int d = state[3];
        int e = state[4];
        int f = state[5];
        int g = state[6];
        int h = state[7];
        for (int t = 0; t < 64; t++) {
            int sum1 = Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25);
            int choose = (e & f) ^ (~e & g);
            int t1 = h + sum1 + choose + K[t] + w[t];
            int sum0 = Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22);
            int majority = (a & b) ^ (a & c) ^ (b & c);
            int t2 = sum0 + majority;
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}
