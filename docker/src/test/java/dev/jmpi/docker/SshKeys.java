package dev.jmpi.docker;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * A throwaway RSA key pair for one test, in the formats OpenSSH reads: the private key as
 * PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), the public key as an
 * {@code authorized_keys} line ({@code ssh-rsa AAAA... comment}, RFC 4253 encoding).
 */
final class SshKeys {

    private final String privatePem;
    private final String authorizedKey;

    private SshKeys(String privatePem, String authorizedKey) {
        this.privatePem = privatePem;
        this.authorizedKey = authorizedKey;
    }

    static SshKeys generate(String comment) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'})
                            .encodeToString(kp.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            RSAPublicKey pub = (RSAPublicKey) kp.getPublic();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            writeString(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
            writeString(out, pub.getPublicExponent().toByteArray());
            writeString(out, pub.getModulus().toByteArray());
            String line = "ssh-rsa " + Base64.getEncoder().encodeToString(bytes.toByteArray()) + " " + comment;
            return new SshKeys(pem, line);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot generate an RSA key pair", e);
        }
    }

    /** RFC 4251 string (and mpint, as {@link BigInteger#toByteArray()} is two's complement big-endian). */
    private static void writeString(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    String privatePem() {
        return privatePem;
    }

    String authorizedKey() {
        return authorizedKey;
    }
}
