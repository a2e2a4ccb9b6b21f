package dev.jmpi.transport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Builds the TLS contexts of a mesh (JDK provider, TLS 1.3/1.2, mutual authentication):
 * the dialing side is the TLS client, the accepting side the TLS server, and both present
 * and require a certificate. Host names are not verified: ranks dial IP addresses, trust is
 * pinned by the trust store (the job certificate, or the user's), and the HMAC handshake
 * still authenticates the rank inside TLS. Immutable; any thread.
 */
final class MeshTls {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SslContext server;
    private final SslContext client;

    private MeshTls(SslContext server, SslContext client) {
        this.server = server;
        this.client = client;
    }

    /** The contexts for {@code cfg}, or null when TLS is off. */
    static @Nullable MeshTls create(MeshConfig cfg) {
        TlsConfig tls = cfg.tls();
        if (!tls.enabled()) {
            return null;
        }
        try {
            KeyStore keys;
            char[] password;
            KeyStore trust;
            if (tls.mode() == TlsConfig.Mode.JOB_CERTIFICATE) {
                JobCertificate job = JobCertificate.derive(cfg.secret(), cfg.jobId());
                password = new char[0];
                keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry(
                        "jmpi-job", job.keyPair().getPrivate(), password, new Certificate[] {job.certificate()});
                trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                trust.setCertificateEntry("jmpi-job", job.certificate());
            } else {
                keys = tls.keyStoreOrNull();
                password = tls.keyPasswordOrNull();
                trust = tls.trustStoreOrNull();
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SslContext server = SslContextBuilder.forServer(kmf)
                    .trustManager(tmf)
                    .clientAuth(ClientAuth.REQUIRE)
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .build();
            SslContext client = SslContextBuilder.forClient()
                    .keyManager(kmf)
                    .trustManager(tmf)
                    .endpointIdentificationAlgorithm(null)
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .build();
            return new MeshTls(server, client);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException(
                    "cannot set up TLS (" + tls.mode() + ") for rank " + cfg.rank() + ": " + e.getMessage(), e);
        }
    }

    SslHandler serverHandler(ByteBufAllocator alloc) {
        return server.newHandler(alloc);
    }

    SslHandler clientHandler(ByteBufAllocator alloc, String host, int port) {
        return client.newHandler(alloc, host, port);
    }
}
