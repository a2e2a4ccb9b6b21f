package dev.jmpi.launcher.apps;

import java.io.IOException;

/**
 * Test rank: {@code ThrowDeep RANK}: that rank throws {@code IllegalStateException: boom}
 * (caused by {@code IOException: disk full}) from 40 frames deep, so the last stderr lines
 * are only {@code at ...} frames; the others print their pid and block.
 */
public final class ThrowDeep {

    private ThrowDeep() {}

    public static void main(String[] args) throws InterruptedException {
        Block.announcePid();
        if (Block.rank() == Integer.parseInt(args[0])) {
            descend(40);
        }
        Block.forever();
    }

    private static void descend(int depth) {
        if (depth == 0) {
            throw new IllegalStateException("boom", new IOException("disk full"));
        }
        descend(depth - 1);
    }
}
