package dev.jmpi.launcher.apps;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import dev.jmpi.Request;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * A correct MPI program whose receiver is late: rank 0 sends, rank 1 sleeps before it posts
 * its receives (that is the program's behaviour, not a test wait). Without flow control the
 * receiver buffers everything rank 0 sent and runs out of memory.
 *
 * <ul>
 *   <li>{@code flood MESSAGES MIB DELAY_MS}: rank 0 sends MESSAGES blocking messages of MIB
 *       MiB; rank 1 sleeps DELAY_MS, then receives them in order.</li>
 *   <li>{@code soak MESSAGES BYTES BATCH DELAY_MS}: rank 0 isends MESSAGES messages of BYTES
 *       bytes, a batch at a time, waiting for the batch before last; rank 1 sleeps DELAY_MS,
 *       then receives each batch last message first.</li>
 *   <li>{@code bcast CALLS MIB DELAY_MS}: rank 0 starts CALLS non-blocking bcasts of MIB MiB
 *       (all from one buffer) and then tells rank 1 so in a point-to-point message; rank 1
 *       waits for that message (by then every eager byte rank 0 sent has arrived), sleeps
 *       DELAY_MS more, then joins the bcasts and checks each.</li>
 * </ul>
 *
 * Rank 1 prints {@code late receiver ok ...} with the most heap and direct memory it saw in
 * use (sampled while it slept and between receives).
 */
public final class LateReceiver {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static long maxHeap;
    private static long maxDirect;

    private LateReceiver() {}

    public static void main(String[] args) throws Exception {
        try (Communicator world = Jmpi.init(args)) {
            String mode = args[0];
            if (mode.equals("bcast")) {
                bcast(world, Integer.parseInt(args[1]), Integer.parseInt(args[2]) << 20, Long.parseLong(args[3]));
            } else if (mode.equals("flood")) {
                flood(world, Integer.parseInt(args[1]), Integer.parseInt(args[2]) << 20, Long.parseLong(args[3]));
            } else {
                soak(
                        world,
                        Integer.parseInt(args[1]),
                        Integer.parseInt(args[2]),
                        Integer.parseInt(args[3]),
                        Long.parseLong(args[4]));
            }
            if (world.rank() == 1) {
                System.out.println(
                        "late receiver ok maxHeapMiB=" + (maxHeap >> 20) + " maxDirectMiB=" + (maxDirect >> 20));
            }
        }
    }

    private static void flood(Communicator world, int messages, int bytes, long delayMs) throws InterruptedException {
        byte[] buf = new byte[bytes];
        if (world.rank() == 0) {
            for (int i = 0; i < messages; i++) {
                buf[0] = (byte) i;
                buf[bytes - 1] = (byte) (i + 1);
                world.send(buf, 0, bytes, 1, i);
            }
        } else if (world.rank() == 1) {
            sleepSampling(delayMs);
            for (int i = 0; i < messages; i++) {
                world.recv(buf, 0, bytes, 0, i);
                check(buf[0] == (byte) i && buf[bytes - 1] == (byte) (i + 1), "message " + i + " corrupted");
                sample();
            }
        }
    }

    private static void bcast(Communicator world, int calls, int bytes, long delayMs) throws InterruptedException {
        byte[] buf = new byte[bytes];
        if (world.rank() == 0) {
            for (int i = 0; i < bytes; i += 4096) {
                buf[i] = (byte) (i / 4096);
            }
            buf[bytes - 1] = 99;
            List<Request> started = new ArrayList<>(calls);
            for (int i = 0; i < calls; i++) {
                started.add(world.ibcast(buf, 0, bytes, 0));
            }
            world.send(new int[] {calls}, 0, 1, 1, 0);
            started.forEach(Request::await);
        } else if (world.rank() == 1) {
            world.recv(new int[1], 0, 1, 0, 0);
            sample();
            sleepSampling(delayMs);
            for (int i = 0; i < calls; i++) {
                java.util.Arrays.fill(buf, (byte) -1);
                world.ibcast(buf, 0, bytes, 0).await();
                check(
                        buf[bytes - 1] == 99 && buf[bytes / 2 / 4096 * 4096] == (byte) (bytes / 2 / 4096),
                        "bcast " + i + " corrupted");
                sample();
            }
        }
    }

    private static void soak(Communicator world, int messages, int bytes, int batch, long delayMs)
            throws InterruptedException {
        if (world.rank() == 0) {
            byte[][] bufs = new byte[2][bytes];
            List<Request> previous = List.of();
            for (int start = 0; start < messages; start += batch) {
                byte[] buf = bufs[start / batch % 2];
                buf[0] = (byte) (start / batch);
                List<Request> current = new ArrayList<>(batch);
                for (int i = start; i < Math.min(messages, start + batch); i++) {
                    current.add(world.isend(buf, 0, bytes, 1, i - start));
                }
                previous.forEach(Request::await);
                previous = current;
            }
            previous.forEach(Request::await);
        } else if (world.rank() == 1) {
            sleepSampling(delayMs);
            byte[] buf = new byte[bytes];
            for (int start = 0; start < messages; start += batch) {
                int end = Math.min(messages, start + batch);
                for (int i = end - 1; i >= start; i--) {
                    world.recv(buf, 0, bytes, 0, i - start);
                    check(buf[0] == (byte) (start / batch), "message " + i + " from the wrong batch");
                }
                sample();
            }
        }
    }

    private static void sleepSampling(long ms) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() < end) {
            sample();
            Thread.sleep(50);
        }
    }

    private static void sample() {
        maxHeap = Math.max(maxHeap, MEMORY.getHeapMemoryUsage().getUsed());
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                maxDirect = Math.max(maxDirect, pool.getMemoryUsed());
            }
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("rank 1: " + what);
        }
    }
}
