/*
 * netbench.c - the cases of bench/netns-compare.sh, measured by mpibench.c's own code.
 *
 * Usage:  mpirun ... ./netbench pt2pt LAT_BYTES BW_BYTES    (np = 2; comma-separated lists)
 *         mpirun ... ./netbench coll ELEMS                  (any np; doubles, comma-separated)
 *
 * mpibench.c is included, not copied: calibration, warm-up, repetitions, the MAX over ranks and
 * the RES line format are exactly the reference's. Only the choice of sizes differs: the
 * reference measures bcast at 1 Ki, 128 Ki and 1 Mi doubles only, this measures reduce, allreduce and bcast at
 * every size given (operation by operation, as the jmpi runner does), and ping-pong at the
 * sizes given. bench/netns-compare.sh compiles it with -I pointing at bench/reference (or, for
 * --quick, at a copy with fewer repetitions).
 */
#define main mpibench_main
#include "mpibench.c"
#undef main

#define MAX_SIZES 16

static int parse_sizes(const char *spec, long *out) {
    int n = 0;
    const char *s = spec;
    while (*s && n < MAX_SIZES) {
        char *end;
        long v = strtol(s, &end, 10);
        if (end == s || v <= 0) {
            if (rank == 0) fprintf(stderr, "netbench: bad size list '%s' (expected: N,N,...)\n", spec);
            MPI_Abort(MPI_COMM_WORLD, 1);
        }
        out[n++] = v;
        s = *end == ',' ? end + 1 : end;
    }
    return n;
}

static void net_pt2pt(const char *lat_spec, const char *bw_spec) {
    long lat[MAX_SIZES], bw[MAX_SIZES], largest = 1;
    int nlat = parse_sizes(lat_spec, lat), nbw = parse_sizes(bw_spec, bw);
    for (int i = 0; i < nlat; i++) if (lat[i] > largest) largest = lat[i];
    for (int i = 0; i < nbw; i++) if (bw[i] > largest) largest = bw[i];
    pp_ctx p;
    p.buf = malloc((size_t)largest);
    memset(p.buf, 1, (size_t)largest);
    double mn, mx, med;
    long it;
    for (int i = 0; i < nlat; i++) {
        p.size = (int)lat[i];
        med = measure_ops(pingpong, &p, &mn, &mx, &it, 1);
        if (rank == 0)
            printf("RES pp_lat %d %.3f %.3f %.3f %d %ld\n", p.size, med * 1e6 / 2, mn * 1e6 / 2, mx * 1e6 / 2, REPS, it);
        print_op_times("pp_lat", p.size, 2);
        fflush(stdout);
    }
    for (int i = 0; i < nbw; i++) {
        p.size = (int)bw[i];
        med = measure(pingpong, &p, &mn, &mx, &it);
        if (rank == 0)
            printf("RES pp_bw %d %.3f %.3f %.3f %d %ld %.1f\n", p.size, med * 1e6 / 2, mn * 1e6 / 2, mx * 1e6 / 2, REPS, it,
                   p.size / (med / 2) / 1e6);
        fflush(stdout);
    }
    free(p.buf);
}

static void net_coll(const char *spec) {
    long sizes[MAX_SIZES];
    int n = parse_sizes(spec, sizes);
    static const struct { const char *name; op_fn fn; } ops[] = {
        {"reduce", do_reduce}, {"allreduce", do_allreduce}, {"bcast", do_bcast}};
    double one = rank, sum = 0;
    MPI_Allreduce(&one, &sum, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    if (sum != np * (np - 1) / 2.0) { fprintf(stderr, "allreduce check failed\n"); MPI_Abort(MPI_COMM_WORLD, 2); }
    co_ctx x;
    double mn, mx, med;
    long it;
    for (int o = 0; o < 3; o++) {
        for (int i = 0; i < n; i++) {
            fill(&x, (int)sizes[i]);
            med = measure(ops[o].fn, &x, &mn, &mx, &it);
            if (rank == 0)
                printf("RES %s %ld %.3f %.3f %.3f %d %ld\n", ops[o].name, sizes[i], med * 1e6, mn * 1e6, mx * 1e6, REPS, it);
            fflush(stdout);
            unfill(&x);
        }
    }
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &np);
    const char *mode = argc > 1 ? argv[1] : "";
    if (strcmp(mode, "pt2pt") == 0 && argc == 4 && np >= 2) {
        net_pt2pt(argv[2], argv[3]);
    } else if (strcmp(mode, "coll") == 0 && argc == 3) {
        net_coll(argv[2]);
    } else {
        if (rank == 0)
            fprintf(stderr, "netbench: usage: netbench pt2pt LAT_BYTES BW_BYTES (np >= 2) | netbench coll ELEMS (got %d args, np=%d)\n",
                    argc - 1, np);
        MPI_Abort(MPI_COMM_WORLD, 1);
    }
    report_mem(mode);
    MPI_Finalize();
    return 0;
}
