package dev.jmpi.bench;

/**
 * Fields of a Linux {@code /proc/.../stat} line, numbered as in {@code proc(5)} (1 is the pid,
 * 2 the parenthesised name, 10 {@code minflt}, 14 {@code utime}, 15 {@code stime}). The name
 * may hold spaces and parentheses, so fields are counted from its last {@code ')'}.
 */
final class ProcStat {

    private ProcStat() {}

    /** Field {@code number} (3 or more) of {@code stat} as a number. */
    static long field(String stat, int number) {
        int i = stat.lastIndexOf(')') + 2; // field 3
        for (int f = 3; f < number; f++) {
            i = stat.indexOf(' ', i) + 1;
        }
        int end = stat.indexOf(' ', i);
        return Long.parseLong(end < 0 ? stat.substring(i).strip() : stat.substring(i, end));
    }
}
