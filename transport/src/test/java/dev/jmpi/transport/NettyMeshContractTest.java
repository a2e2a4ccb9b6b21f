package dev.jmpi.transport;

import java.util.List;

/** The transport contract over real loopback sockets with {@link NettyMesh}. */
class NettyMeshContractTest extends AbstractTransportContractTest {

    @Override
    protected List<? extends Transport> open(int size) throws Exception {
        return NettyMeshes.start(size, b -> b.chunkBytes(256 * 1024).maxFrameBytes(1024 * 1024));
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void crash(int rank) {
        ((List<NettyMesh>) transports).get(rank).closeAbruptly();
    }
}
