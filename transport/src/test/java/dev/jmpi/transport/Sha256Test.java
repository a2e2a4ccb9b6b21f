package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Sha256Test {

    /** FIPS 180-4's examples (NIST's "SHA256.pdf"): one block, two blocks, and the empty message. */
    @ParameterizedTest
    @CsvSource({
        "abc, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq,"
                + " 248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
        "'', e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    })
    void matchesTheStandardsExamples(String message, String digestHex) {
        assertEquals(digestHex, HexFormat.of().formatHex(Sha256.of(message.getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void hashesAMillionAsAsTheStandardsLongExampleSays() {
        Sha256 sha = new Sha256();
        for (int i = 0; i < 1_000_000; i++) {
            sha.update((byte) 'a');
        }
        assertEquals(
                "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
                HexFormat.of().formatHex(sha.digest()));
    }

    @Test
    void givesTheSameBytesAsMessageDigestForEveryLengthAroundTheBlocksAndPadding() throws Exception {
        Random random = new Random(7);
        MessageDigest jdk = MessageDigest.getInstance("SHA-256");
        for (int length = 0; length <= 300; length++) {
            byte[] message = new byte[length];
            random.nextBytes(message);
            assertArrayEquals(jdk.digest(message), Sha256.of(message), "length " + length);
        }
    }

    @Test
    void givesTheSameDigestHoweverTheInputIsCutIntoUpdates() throws Exception {
        Random random = new Random(11);
        MessageDigest jdk = MessageDigest.getInstance("SHA-256");
        Sha256 sha = new Sha256();
        for (int trial = 0; trial < 200; trial++) {
            byte[] message = new byte[random.nextInt(1000)];
            random.nextBytes(message);
            int at = 0;
            while (at < message.length) {
                int piece = Math.min(message.length - at, random.nextInt(130));
                if (piece == 1) {
                    sha.update(message[at]);
                } else {
                    sha.update(message, at, piece);
                }
                at += piece;
            }
            assertArrayEquals(jdk.digest(message), sha.digest(), "trial " + trial + ", length " + message.length);
        }
    }

    @Test
    void startsOverAfterEachDigest() {
        Sha256 sha = new Sha256();
        sha.update("first".getBytes(StandardCharsets.US_ASCII));
        sha.digest();
        sha.update("abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                HexFormat.of().formatHex(sha.digest()));
    }

    @Test
    void refusesARangeOutsideTheArrayNamingIt() {
        IndexOutOfBoundsException e =
                assertThrows(IndexOutOfBoundsException.class, () -> new Sha256().update(new byte[4], 2, 3));
        assertEquals("range [2, 2 + 3) of an array of 4", e.getMessage());
    }
}
