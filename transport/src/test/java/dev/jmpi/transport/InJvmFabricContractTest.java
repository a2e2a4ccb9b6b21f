package dev.jmpi.transport;

import java.util.List;

/** The transport contract over {@link InJvmFabric}. */
class InJvmFabricContractTest extends AbstractTransportContractTest {

    private InJvmFabric fabric;

    @Override
    protected List<? extends Transport> open(int size) {
        fabric = InJvmFabric.open(size);
        return fabric.endpoints();
    }

    @Override
    protected void crash(int rank) {
        fabric.kill(rank);
    }
}
