package dev.jmpi.transport;

import java.security.KeyStore;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * TLS settings of the mesh. Off by default. When on, every connection runs TLS (JDK
 * provider) with mutual authentication in front of the jmpi handshake, using either
 * <ul>
 *   <li>{@link #jobCertificate()}: a certificate every rank derives deterministically from
 *       the job secret, so all ranks trust the same certificate without any PKI; or</li>
 *   <li>{@link #keyStore(KeyStore, char[], KeyStore)}: the user's own key and trust
 *       stores.</li>
 * </ul>
 * The HMAC handshake over the job secret runs inside TLS in both cases.
 */
public final class TlsConfig {

    /** How connections are secured. */
    public enum Mode {
        /** Plain TCP. */
        OFF,
        /** TLS with the per-job certificate derived from the job secret. */
        JOB_CERTIFICATE,
        /** TLS with user-supplied key and trust stores. */
        KEY_STORE
    }

    private static final TlsConfig DISABLED = new TlsConfig(Mode.OFF, null, null, null);
    private static final TlsConfig JOB = new TlsConfig(Mode.JOB_CERTIFICATE, null, null, null);

    private final Mode mode;
    private final @Nullable KeyStore keyStore;
    private final char @Nullable [] keyPassword;
    private final @Nullable KeyStore trustStore;

    private TlsConfig(
            Mode mode, @Nullable KeyStore keyStore, char @Nullable [] keyPassword, @Nullable KeyStore trustStore) {
        this.mode = mode;
        this.keyStore = keyStore;
        this.keyPassword = keyPassword;
        this.trustStore = trustStore;
    }

    /** Plain TCP (the default). */
    public static TlsConfig disabled() {
        return DISABLED;
    }

    /** TLS with a certificate derived from the job secret; no files needed. */
    public static TlsConfig jobCertificate() {
        return JOB;
    }

    /**
     * TLS with the user's stores.
     *
     * @param keyStore    holds this rank's private key and certificate chain
     * @param keyPassword password of the key entry
     * @param trustStore  certificates this rank trusts for its peers
     */
    public static TlsConfig keyStore(KeyStore keyStore, char[] keyPassword, KeyStore trustStore) {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyPassword, "keyPassword");
        Objects.requireNonNull(trustStore, "trustStore");
        return new TlsConfig(Mode.KEY_STORE, keyStore, keyPassword.clone(), trustStore);
    }

    /** The mode. */
    public Mode mode() {
        return mode;
    }

    /** Whether connections use TLS. */
    public boolean enabled() {
        return mode != Mode.OFF;
    }

    @Nullable
    KeyStore keyStoreOrNull() {
        return keyStore;
    }

    char @Nullable [] keyPasswordOrNull() {
        return keyPassword == null ? null : keyPassword.clone();
    }

    @Nullable
    KeyStore trustStoreOrNull() {
        return trustStore;
    }

    @Override
    public String toString() {
        return "TlsConfig[" + mode + "]";
    }
}
