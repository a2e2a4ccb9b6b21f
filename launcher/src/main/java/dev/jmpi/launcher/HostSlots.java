package dev.jmpi.launcher;

/**
 * A host the job may use and how many ranks it takes.
 *
 * @param name     host name or address as the user wrote it (what ssh is given)
 * @param slots    ranks it takes before it is full ({@code >= 1})
 * @param maxSlots hard limit even with {@code --oversubscribe}; {@code 0} for none
 * @param origin   where it was declared, for messages ({@code hosts.txt:3}, {@code --host})
 */
public record HostSlots(String name, int slots, int maxSlots, String origin) {

    /** Validates the counts. */
    public HostSlots {
        if (slots < 1) {
            throw new IllegalArgumentException("slots=" + slots + " (expected: >= 1)");
        }
        if (maxSlots != 0 && maxSlots < slots) {
            throw new IllegalArgumentException("max_slots=" + maxSlots + " (expected: >= slots=" + slots + ")");
        }
    }

    /** This host with {@code more} extra slots (a host listed twice). */
    HostSlots plus(HostSlots more) {
        int max = maxSlots == 0 || more.maxSlots == 0 ? 0 : maxSlots + more.maxSlots;
        return new HostSlots(name, slots + more.slots, max, origin);
    }
}
