package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The mesh over TLS with the per-job certificate derived from the secret. */
class TlsMeshTest {

    @Test
    void jobCertificateIsTheSameOnEveryRankAndDiffersPerSecret() throws Exception {
        JobCertificate a = JobCertificate.derive(NettyMeshes.SECRET, "job");
        JobCertificate b = JobCertificate.derive(NettyMeshes.SECRET, "job");
        JobCertificate other =
                JobCertificate.derive("another-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8), "job");
        assertArrayEquals(a.certificate().getEncoded(), b.certificate().getEncoded());
        assertTrue(!java.util.Arrays.equals(
                a.certificate().getEncoded(), other.certificate().getEncoded()));
        a.certificate().verify(a.keyPair().getPublic());
        assertEquals(
                "CN=jmpi job job", a.certificate().getSubjectX500Principal().getName());
    }

    @Test
    @Timeout(60)
    void meshOverTlsDeliversMessagesAndEveryConnectionIsEncrypted() throws Exception {
        List<NettyMesh> meshes = NettyMeshes.start(3, b -> b.tls(TlsConfig.jobCertificate()));
        try {
            RecordingHandler h = new RecordingHandler();
            meshes.get(0).start(h);
            meshes.get(1).start(new RecordingHandler());
            meshes.get(2).start(new RecordingHandler());
            // Connections are opened by these first messages (lazily), over TLS like any other.
            AbstractTransportContractTest.sendPattern(meshes.get(2), 0, 1, 300_000);
            AbstractTransportContractTest.assertPattern(h.nextMessage(30_000), 2, 0, 1, 300_000);
            AbstractTransportContractTest.sendPattern(meshes.get(1), 0, 2, 1_000);
            AbstractTransportContractTest.assertPattern(h.nextMessage(30_000), 1, 0, 2, 1_000);
            for (int peer = 1; peer < 3; peer++) {
                SslHandler ssl = meshes.get(0).peer(peer).channel().pipeline().get(SslHandler.class);
                assertNotNull(ssl, "connection to rank " + peer + " has no TLS");
                assertTrue(ssl.engine().getSession().getProtocol().startsWith("TLS"));
            }
        } finally {
            NettyMeshes.closeAll(meshes);
        }
    }

    @Test
    @Timeout(60)
    void rankWithoutTlsCannotJoinATlsMesh() throws Exception {
        NettyMesh tls = NettyMesh.listen(
                NettyMeshes.config(0, 2).tls(TlsConfig.jobCertificate()).build());
        NettyMesh plain = NettyMesh.listen(NettyMeshes.config(1, 2)
                .connectMode(TransportSettings.ConnectMode.EAGER) // fails at init, not at the first send
                .connectTimeoutMs(3_000)
                .build());
        try {
            List<dev.jmpi.transport.rendezvous.RankAddress> table = List.of(tls.localAddress(), plain.localAddress());
            MeshStartException e = assertThrows(MeshStartException.class, () -> plain.connect(table));
            assertTrue(e.getMessage().contains("rank 1") && e.getMessage().contains("rank 0"), e.getMessage());
        } finally {
            tls.close();
            plain.close();
        }
    }
}
