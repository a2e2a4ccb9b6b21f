package dev.jmpi.launcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Places ranks on hosts by slot or by node, as mpirun does. Without {@code --oversubscribe}
 * it refuses more ranks than slots; with it, extra ranks go round again in the same order,
 * but never past a host's {@code max_slots}.
 */
final class RankMapper {

    private RankMapper() {}

    /** Total slots of {@code hosts}. */
    static int totalSlots(List<HostSlots> hosts) {
        return hosts.stream().mapToInt(HostSlots::slots).sum();
    }

    /** Places {@code np} ranks; throws {@link UsageException} if they do not fit. */
    static List<Placement> map(List<HostSlots> hosts, int np, MapBy mapBy, boolean oversubscribe) {
        int total = totalSlots(hosts);
        if (np > total && !oversubscribe) {
            throw new UsageException("not enough slots: -n " + np + " needs " + np + " slots but "
                    + describe(hosts) + " has " + total + "; pass --oversubscribe to run more ranks than slots"
                    + (hosts.size() == 1 && hosts.get(0).origin().equals("local")
                            ? " or add hosts with --hostfile/--host"
                            : ""));
        }
        int[] counts = new int[hosts.size()];
        List<Integer> order = mapBy == MapBy.SLOT ? bySlot(hosts, np, counts) : byNode(hosts, np, counts);
        Map<Integer, Integer> nextLocal = new HashMap<>();
        List<Placement> placements = new ArrayList<>(np);
        for (int rank = 0; rank < np; rank++) {
            int h = order.get(rank);
            int local = nextLocal.merge(h, 1, Integer::sum) - 1;
            placements.add(new Placement(rank, hosts.get(h).name(), local, counts[h]));
        }
        return placements;
    }

    private static List<Integer> bySlot(List<HostSlots> hosts, int np, int[] counts) {
        List<Integer> order = new ArrayList<>(np);
        while (order.size() < np) {
            int before = order.size();
            for (int h = 0; h < hosts.size() && order.size() < np; h++) {
                for (int s = 0; s < hosts.get(h).slots() && order.size() < np && room(hosts.get(h), counts[h]); s++) {
                    counts[h]++;
                    order.add(h);
                }
            }
            checkProgress(hosts, np, before, order.size());
        }
        return order;
    }

    private static List<Integer> byNode(List<HostSlots> hosts, int np, int[] counts) {
        List<Integer> order = new ArrayList<>(np);
        boolean withinSlots = true;
        while (order.size() < np) {
            int before = order.size();
            for (int h = 0; h < hosts.size() && order.size() < np; h++) {
                HostSlots host = hosts.get(h);
                if (withinSlots ? counts[h] < host.slots() : room(host, counts[h])) {
                    counts[h]++;
                    order.add(h);
                }
            }
            if (order.size() == before && withinSlots) {
                withinSlots = false;
                continue;
            }
            checkProgress(hosts, np, before, order.size());
        }
        return order;
    }

    private static boolean room(HostSlots host, int count) {
        return host.maxSlots() == 0 || count < host.maxSlots();
    }

    private static void checkProgress(List<HostSlots> hosts, int np, int before, int after) {
        if (after == before) {
            throw new UsageException("not enough slots: -n " + np + " exceeds the max_slots of every host ("
                    + hosts.stream()
                            .map(h -> h.name() + " max_slots=" + h.maxSlots())
                            .collect(Collectors.joining(", ")) + ")");
        }
    }

    private static String describe(List<HostSlots> hosts) {
        if (hosts.size() == 1 && hosts.get(0).origin().equals("local")) {
            return "this host (" + hosts.get(0).name() + ")";
        }
        return hosts.stream().map(h -> h.name() + ":" + h.slots()).collect(Collectors.joining(","));
    }
}
