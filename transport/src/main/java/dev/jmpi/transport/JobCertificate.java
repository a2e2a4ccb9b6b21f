package dev.jmpi.transport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.NamedParameterSpec;

/**
 * The per-job TLS identity: an Ed25519 key pair and a self-signed X.509 certificate, both
 * derived deterministically from the job secret and job id, so every rank of a job holds
 * the same certificate and trusts exactly it, without any PKI or files. Whoever knows the
 * job secret can derive the key, which is the same trust boundary as the HMAC handshake.
 *
 * <p>The key seed is HMAC-SHA256(secret, "jmpi-tls-v1" | job id); Ed25519 signatures are
 * deterministic and the validity period is fixed, so the certificate's bytes are identical
 * on every rank. The certificate is built with a minimal DER writer (the JDK has no public
 * certificate builder). Stateless; any thread.
 */
final class JobCertificate {

    private static final byte[] OID_ED25519 = {0x06, 0x03, 0x2b, 0x65, 0x70};
    private static final byte[] OID_COMMON_NAME = {0x06, 0x03, 0x55, 0x04, 0x03};

    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private JobCertificate(KeyPair keyPair, X509Certificate certificate) {
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    KeyPair keyPair() {
        return keyPair;
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** Derives the job's key pair and certificate. */
    static JobCertificate derive(byte[] secret, String jobId) {
        byte[] job = jobId.getBytes(StandardCharsets.UTF_8);
        byte[] label = "jmpi-tls-v1".getBytes(StandardCharsets.UTF_8);
        ByteBuffer info = ByteBuffer.allocate(8 + label.length + job.length);
        info.putInt(label.length).put(label).putInt(job.length).put(job);
        byte[] seed = MeshAuth.hmacSha256(secret, info.array());
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
            gen.initialize(NamedParameterSpec.ED25519, new SeededRandom(seed));
            KeyPair pair = gen.generateKeyPair();
            byte[] name = name("jmpi job " + jobId);
            byte[] serial = MeshAuth.hmacSha256(seed, "serial".getBytes(StandardCharsets.US_ASCII));
            serial[0] &= 0x3f;
            serial[0] |= 0x01;
            byte[] tbs = seq(
                    tlv(0xa0, tlv(0x02, new byte[] {2})),
                    tlv(0x02, java.util.Arrays.copyOf(serial, 16)),
                    seq(OID_ED25519),
                    name,
                    seq(tlv(0x17, ascii("000101000000Z")), tlv(0x18, ascii("20991231235959Z"))),
                    name,
                    pair.getPublic().getEncoded());
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(pair.getPrivate());
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] bitString = new byte[signature.length + 1];
            System.arraycopy(signature, 0, bitString, 1, signature.length);
            byte[] der = seq(tbs, seq(OID_ED25519), tlv(0x03, bitString));
            X509Certificate cert = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            return new JobCertificate(pair, cert);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot derive the per-job TLS certificate (needs Ed25519, JDK 15+): " + e.getMessage(), e);
        }
    }

    private static byte[] name(String commonName) {
        return seq(tlv(0x31, seq(OID_COMMON_NAME, tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] seq(byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            body.writeBytes(p);
        }
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >>> 8);
            out.write(n & 0xff);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    /** A deterministic byte stream (HMAC-SHA256 in counter mode) posing as SecureRandom. */
    private static final class SeededRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;
        private int counter;

        SeededRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            int off = 0;
            while (off < bytes.length) {
                byte[] block = MeshAuth.hmacSha256(
                        seed, ByteBuffer.allocate(4).putInt(counter++).array());
                int n = Math.min(block.length, bytes.length - off);
                System.arraycopy(block, 0, bytes, off, n);
                off += n;
            }
        }
    }
}
