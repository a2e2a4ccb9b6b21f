package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HmacSha256Test {

    /** RFC 4231, test cases 1-4, 6 and 7 (5 truncates the output). */
    @ParameterizedTest
    @CsvSource({
        "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, 4869205468657265,"
                + " b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        "4a656665, 7768617420646f2079612077616e7420666f72206e6f7468696e673f,"
                + " 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, "
                + "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd,"
                + " 773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
        "0102030405060708090a0b0c0d0e0f10111213141516171819, "
                + "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd,"
                + " 82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
    })
    void matchesRfc4231Vectors(String keyHex, String dataHex, String macHex) {
        HexFormat hex = HexFormat.of();
        assertEquals(macHex, hex.formatHex(HmacSha256.mac(hex.parseHex(keyHex), hex.parseHex(dataHex))));
    }

    @Test
    void hashesKeysLongerThanOneBlockFirstAsRfc4231Says() {
        byte[] key = new byte[131];
        Arrays.fill(key, (byte) 0xaa);
        byte[] data = "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII);
        assertEquals(
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                HexFormat.of().formatHex(HmacSha256.mac(key, data)));
    }

    @Test
    void givesTheSameBytesAsJavaxCryptoMacForKeysAndMessagesOfEveryLengthAroundTheBlock() throws Exception {
        Random random = new Random(42);
        for (int keyBytes = 1; keyBytes <= 140; keyBytes++) {
            byte[] key = new byte[keyBytes];
            random.nextBytes(key);
            byte[] message = new byte[random.nextInt(300)];
            random.nextBytes(message);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            assertArrayEquals(mac.doFinal(message), HmacSha256.mac(key, message), "keyBytes=" + keyBytes);
        }
    }

    @Test
    void emptyKeyIsTheOneZeroByteKeyJavaxCryptoMacNeededInstead() {
        byte[] message = "jmpi".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(HmacSha256.mac(new byte[1], message), HmacSha256.mac(new byte[0], message));
    }
}
