package dev.jmpi.examples.reduction;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import dev.jmpi.Op;
import java.util.Arrays;

/**
 * The cookbook reduction: each rank contributes {@code (rank + 1) * [0, 1, ..., 9]} and
 * rank 0 prints the element-wise sum. With 4 ranks that is {@code 10 * [0..9]}.
 * This is mpi4py's {@code comm.Reduce(senddata, recvdata, root=0, op=MPI.SUM)}.
 */
public final class Reduction {

    private Reduction() {}

    /** Run with {@code bin/jmpirun -n 4 -cp examples/target/classes dev.jmpi.examples.reduction.Reduction}. */
    public static void main(String[] args) {
        try (Communicator world = Jmpi.init(args)) {
            int[] sendData = new int[10];
            for (int i = 0; i < sendData.length; i++) {
                sendData[i] = (world.rank() + 1) * i;
            }
            int[] recvData = world.rank() == 0 ? new int[10] : null;
            System.out.println("on task " + world.rank() + " before Reduce: data = " + Arrays.toString(sendData));
            world.reduce(sendData, recvData, Op.SUM, 0);
            if (world.rank() == 0) {
                System.out.println("on task 0 after Reduce: data = " + Arrays.toString(recvData));
            }
        }
    }
}
