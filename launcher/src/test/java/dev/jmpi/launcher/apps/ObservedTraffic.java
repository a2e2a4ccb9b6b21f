package dev.jmpi.launcher.apps;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import dev.jmpi.Op;
import dev.jmpi.Statistics;

/**
 * Test rank with known traffic for {@code --stats}/{@code --trace}: rank 0 sends 10 messages
 * of 1 KiB to every other rank (tag 5), each receives them, then every rank does 3
 * all-reduces of 4 doubles, the last rank arriving 400 ms late to each. Prints
 * {@code R statistics recording=... send=calls/bytes recv=calls/bytes} from
 * {@code Communicator.statistics()}. With argument {@code late-sender MS}, rank 1 computes
 * MS ms before its one send to rank 0, which waits in {@code recv} (for {@code --status-every}).
 * With argument {@code set-up-not-recorded}, every rank first runs a set-up phase between
 * {@code Jmpi.pcontrol(0)} and {@code Jmpi.pcontrol(1)}: 4 messages from rank 0 to every
 * other rank (tag 9), a bcast and an allreduce, none of which may be recorded.
 */
public final class ObservedTraffic {

    private ObservedTraffic() {}

    public static void main(String[] args) throws InterruptedException {
        try (Communicator world = Jmpi.init(args)) {
            if (args.length == 2 && args[0].equals("late-sender")) {
                lateSender(world, Long.parseLong(args[1]));
                return;
            }
            double[] buf = new double[128];
            if (args.length == 1 && args[0].equals("set-up-not-recorded")) {
                Jmpi.pcontrol(0);
                setUp(world, buf);
                Jmpi.pcontrol(1);
            }
            rootSendsToAll(world, buf, 10, 5);
            double[] out = new double[4];
            for (int i = 0; i < 3; i++) {
                if (world.rank() == world.size() - 1) {
                    Thread.sleep(400);
                }
                world.allreduce(new double[] {1, 2, 3, 4}, out, Op.SUM);
            }
            Statistics s = world.statistics();
            System.out.println(world.rank() + " statistics recording=" + s.recording()
                    + " send="
                    + s.operation("send").map(o -> o.calls() + "/" + o.bytes()).orElse("-")
                    + " recv="
                    + s.operation("recv").map(o -> o.calls() + "/" + o.bytes()).orElse("-"));
        }
    }

    private static void setUp(Communicator world, double[] buf) {
        rootSendsToAll(world, buf, 4, 9);
        world.bcast(buf, 0);
        world.allreduce(new double[4], new double[4], Op.SUM);
    }

    /** Rank 0 sends {@code messages} copies of {@code buf} to every other rank with {@code tag}. */
    private static void rootSendsToAll(Communicator world, double[] buf, int messages, int tag) {
        for (int i = 0; i < messages; i++) {
            if (world.rank() == 0) {
                for (int r = 1; r < world.size(); r++) {
                    world.send(buf, r, tag);
                }
            } else {
                world.recv(buf, 0, tag);
            }
        }
    }

    private static void lateSender(Communicator world, long ms) throws InterruptedException {
        int[] one = new int[1];
        if (world.rank() == 0) {
            world.recv(one, 1, 7);
        } else if (world.rank() == 1) {
            Thread.sleep(ms);
            world.send(one, 0, 7);
        }
    }
}
