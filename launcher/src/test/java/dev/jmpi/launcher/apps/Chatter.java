package dev.jmpi.launcher.apps;

/** Test rank: {@code Chatter LINES WIDTH}: prints LINES long lines on stdout and a few on stderr, as fast as it can. */
public final class Chatter {

    private Chatter() {}

    public static void main(String[] args) {
        int rank = Block.rank();
        int lines = Integer.parseInt(args[0]);
        String body = String.valueOf((char) ('a' + rank % 26)).repeat(Integer.parseInt(args[1]));
        for (int i = 0; i < lines; i++) {
            System.out.print("rank=" + rank + " i=" + i + " " + body);
            System.out.print(" end\n");
            if (i % 50 == 0) {
                System.err.println("rank=" + rank + " err=" + i + " " + body + " end");
            }
        }
        System.out.flush();
    }
}
