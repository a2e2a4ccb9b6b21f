package dev.jmpi.core.observe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The job's spans on one time line (rank 0's clock, nanoseconds since the earliest span),
 * grouped in tracks (one per rank and thread), and the flows from each send to the receive
 * that matched it. MPI's non-overtaking rule pairs them without message ids: messages from
 * one rank to another on one context with one tag are received in the order they were sent,
 * so the k-th send of (source, destination, context, tag) pairs with the k-th receive of it
 * (receives ordered by completion).
 */
final class TraceModel {

    /** A span on the job's time line. */
    record Item(int rank, long thread, RankObservation.SpanRecord span, long start) {
        long end() {
            return start + span.durationNanos();
        }
    }

    /** A send and the receive it matched. */
    record Flow(Item send, Item recv) {}

    final List<RankObservation> ranks;
    final List<Item> items = new ArrayList<>();
    final List<Flow> flows = new ArrayList<>();
    final long origin;
    final long end;
    int unmatchedSends;
    int unmatchedRecvs;

    TraceModel(List<RankObservation> ranks) {
        this.ranks = ranks;
        long min = Long.MAX_VALUE;
        for (RankObservation r : ranks) {
            for (RankObservation.SpanRecord s : r.spans()) {
                min = Math.min(min, r.aligned(s.startNanos()));
            }
        }
        origin = min == Long.MAX_VALUE ? 0 : min;
        long last = 0;
        for (RankObservation r : ranks) {
            for (RankObservation.SpanRecord s : r.spans()) {
                Item it = new Item(r.rank(), s.thread(), s, r.aligned(s.startNanos()) - origin);
                items.add(it);
                last = Math.max(last, it.end());
            }
        }
        end = last;
        items.sort(Comparator.comparingLong(Item::start));
        pair();
    }

    private void pair() {
        Map<String, List<Item>> sends = new HashMap<>();
        Map<String, List<Item>> recvs = new HashMap<>();
        for (Item it : items) {
            RankObservation.SpanRecord s = it.span();
            if (s.collective() || s.failed() || s.peer() < 0) {
                continue;
            }
            if (JobReport.isSend(s.operation())) {
                sends.computeIfAbsent(
                                it.rank() + ">" + s.peer() + "/" + s.context() + "/" + s.tag(), k -> new ArrayList<>())
                        .add(it);
            } else {
                recvs.computeIfAbsent(
                                s.peer() + ">" + it.rank() + "/" + s.context() + "/" + s.tag(), k -> new ArrayList<>())
                        .add(it);
            }
        }
        for (Map.Entry<String, List<Item>> e : sends.entrySet()) {
            List<Item> rs = recvs.getOrDefault(e.getKey(), List.of());
            List<Item> sorted = new ArrayList<>(rs);
            sorted.sort(Comparator.comparingLong(Item::end));
            List<Item> ss = e.getValue();
            int n = Math.min(ss.size(), sorted.size());
            for (int i = 0; i < n; i++) {
                flows.add(new Flow(ss.get(i), sorted.get(i)));
            }
            unmatchedSends += ss.size() - n;
            unmatchedRecvs += sorted.size() - n;
        }
        for (Map.Entry<String, List<Item>> e : recvs.entrySet()) {
            if (!sends.containsKey(e.getKey())) {
                unmatchedRecvs += e.getValue().size();
            }
        }
    }

    /** The tracks: rank, then thread, in order of first appearance per rank. */
    List<long[]> tracks() {
        List<long[]> out = new ArrayList<>();
        for (RankObservation r : ranks) {
            List<Long> threads = new ArrayList<>();
            for (Item it : items) {
                if (it.rank() == r.rank() && !threads.contains(it.thread())) {
                    threads.add(it.thread());
                }
            }
            for (long t : threads) {
                out.add(new long[] {r.rank(), t});
            }
        }
        return out;
    }

    String threadName(int rank, long thread) {
        for (RankObservation r : ranks) {
            if (r.rank() == rank) {
                return r.threadNames().getOrDefault(thread, "thread " + thread);
            }
        }
        return "thread " + thread;
    }
}
