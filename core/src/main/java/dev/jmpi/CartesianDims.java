package dev.jmpi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** MPI_Dims_create: a balanced factorisation that keeps the caller's preset dimensions. */
final class CartesianDims {

    private CartesianDims() {}

    static int[] create(int nnodes, int[] dims) {
        if (nnodes < 1) {
            throw new InvalidArgumentException("nnodes=" + nnodes + " (expected: >= 1)");
        }
        int[] out = dims.clone();
        int fixed = 1;
        int free = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] < 0) {
                throw new InvalidArgumentException(
                        "dims[" + i + "]=" + out[i] + " (expected: >= 0; 0 means choose for me)");
            }
            if (out[i] > 0) {
                fixed *= out[i];
            } else {
                free++;
            }
        }
        if (nnodes % fixed != 0) {
            throw new InvalidArgumentException("dims=" + Arrays.toString(dims)
                    + " (expected: preset entries whose product " + fixed + " divides nnodes="
                    + nnodes + ")");
        }
        int remaining = nnodes / fixed;
        if (free == 0) {
            if (remaining != 1) {
                throw new InvalidArgumentException(
                        "dims=" + Arrays.toString(dims) + " (expected: product of dims == nnodes=" + nnodes + ")");
            }
            return out;
        }
        int[] factors = balancedFactors(remaining, free);
        int next = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                out[i] = factors[next++];
            }
        }
        return out;
    }

    /**
     * Splits n into k factors as equal as possible, largest first: prime factors, largest
     * first, each multiplied into the currently smallest slot.
     */
    private static int[] balancedFactors(int n, int k) {
        List<Integer> primes = new ArrayList<>();
        int m = n;
        for (int p = 2; (long) p * p <= m; p++) {
            while (m % p == 0) {
                primes.add(p);
                m /= p;
            }
        }
        if (m > 1) {
            primes.add(m);
        }
        int[] slots = new int[k];
        Arrays.fill(slots, 1);
        for (int i = primes.size() - 1; i >= 0; i--) {
            int smallest = 0;
            for (int s = 1; s < k; s++) {
                if (slots[s] < slots[smallest]) {
                    smallest = s;
                }
            }
            slots[smallest] *= primes.get(i);
        }
        Arrays.sort(slots);
        for (int i = 0; i < k / 2; i++) {
            int t = slots[i];
            slots[i] = slots[k - 1 - i];
            slots[k - 1 - i] = t;
        }
        return slots;
    }
}
