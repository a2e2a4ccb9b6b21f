package dev.jmpi.transport;

import dev.jmpi.transport.rendezvous.RankAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;

/** Builds meshes of real Netty endpoints over loopback inside one JVM. */
final class NettyMeshes {

    static final byte[] SECRET = "test-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    static final String JOB = "test-job";

    private NettyMeshes() {}

    static MeshConfig.Builder config(int rank, int size) {
        return MeshConfig.builder()
                .rank(rank)
                .size(size)
                .jobId(JOB)
                .secret(SECRET)
                .bindHost("127.0.0.1")
                .advertisedHost("127.0.0.1")
                .connectTimeoutMs(30_000);
    }

    /** Starts {@code size} meshes (listen, then connect in parallel) and returns them by rank. */
    static List<NettyMesh> start(int size, UnaryOperator<MeshConfig.Builder> customize) throws Exception {
        List<NettyMesh> meshes = new ArrayList<>();
        try {
            for (int r = 0; r < size; r++) {
                meshes.add(NettyMesh.listen(customize.apply(config(r, size)).build()));
            }
            List<RankAddress> table = new ArrayList<>();
            for (NettyMesh m : meshes) {
                table.add(m.localAddress());
            }
            List<CompletableFuture<Void>> connects = new ArrayList<>();
            for (NettyMesh m : meshes) {
                connects.add(CompletableFuture.runAsync(() -> m.connect(table), runnable -> {
                    Thread t = new Thread(runnable, "connect-r" + m.rank());
                    t.setDaemon(true);
                    t.start();
                }));
            }
            for (CompletableFuture<Void> c : connects) {
                try {
                    c.get();
                } catch (ExecutionException e) {
                    throw (Exception) e.getCause();
                }
            }
            return meshes;
        } catch (Exception e) {
            closeAll(meshes);
            throw e;
        }
    }

    static void closeAll(List<? extends Transport> transports) {
        transports.parallelStream().forEach(Transport::close);
    }
}
