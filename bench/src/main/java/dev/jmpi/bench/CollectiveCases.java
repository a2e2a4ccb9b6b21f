package dev.jmpi.bench;

import dev.jmpi.Communicator;
import dev.jmpi.Op;

/**
 * Collective cases, as {@code mpibench.c}'s {@code do_reduce}, {@code do_allreduce},
 * {@code do_bcast} and {@code do_barrier} (root 0, SUM), plus allgather and alltoall. The
 * {@code RES} parameter is the element count: of the whole buffer for bcast, reduce and
 * allreduce, of one rank's block for allgather and alltoall.
 */
final class CollectiveCases {

    private CollectiveCases() {}

    /** Shared shape of a data-carrying collective case. */
    private abstract static class DataCase implements BenchCase {
        final Communicator world;
        final ElementType type;
        final int count;
        final int rank;
        final int size;
        private final String test;

        DataCase(Communicator world, String test, ElementType type, int count) {
            this.world = world;
            this.test = test;
            this.type = type;
            this.count = count;
            this.rank = world.rank();
            this.size = world.size();
        }

        @Override
        public String test() {
            return test;
        }

        @Override
        public long param() {
            return count;
        }

        @Override
        public int unitsPerOp() {
            return 1;
        }

        @Override
        public long bytesPerUnit() {
            return 0;
        }
    }

    static BenchCase bcast(Communicator world, ElementType type, int count) {
        Object buf = type.allocate(count);
        return new DataCase(world, "bcast", type, count) {
            @Override
            public void prepareVerify() {
                if (rank == 0) {
                    Patterns.fill(type, buf, 0, count, 1);
                } else {
                    Patterns.clear(type, buf, 0, count);
                }
            }

            @Override
            public void runOnce() {
                world.bcast(buf, 0, count, 0);
            }

            @Override
            public String check() {
                return Patterns.check(type, buf, 0, count, 1, "rank " + rank + " bcast");
            }
        };
    }

    static BenchCase reduce(Communicator world, ElementType type, int count, boolean all) {
        Object send = type.allocate(count);
        Object recv = type.allocate(count);
        return new DataCase(world, all ? "allreduce" : "reduce", type, count) {
            @Override
            public void prepareVerify() {
                for (int i = 0; i < count; i++) {
                    type.set(send, i, Patterns.contribution(rank, i));
                    type.set(recv, i, 0);
                }
            }

            @Override
            public void runOnce() {
                if (all) {
                    world.allreduce(send, 0, recv, 0, count, Op.SUM);
                } else {
                    world.reduce(send, 0, recv, 0, count, Op.SUM, 0);
                }
            }

            @Override
            public String check() {
                if (!all && rank != 0) {
                    return null;
                }
                for (int i = 0; i < count; i++) {
                    long want = type.normalize(Patterns.sum(size, i));
                    long got = type.get(recv, i);
                    if (got != want) {
                        return "rank " + rank + " " + test() + ": element " + i + " is " + got + " (expected: " + want
                                + ", the sequential sum over " + size + " ranks)";
                    }
                }
                return null;
            }
        };
    }

    static BenchCase allgather(Communicator world, ElementType type, int count) {
        Object send = type.allocate(count);
        Object recv = type.allocate(Math.multiplyExact(count, world.size()));
        return new DataCase(world, "allgather", type, count) {
            @Override
            public void prepareVerify() {
                Patterns.fill(type, send, 0, count, rank + 1);
                Patterns.clear(type, recv, 0, count * size);
            }

            @Override
            public void runOnce() {
                world.allgather(send, 0, count, recv, 0, count);
            }

            @Override
            public String check() {
                for (int j = 0; j < size; j++) {
                    String err = Patterns.check(
                            type, recv, j * count, count, j + 1, "rank " + rank + " allgather block of rank " + j);
                    if (err != null) {
                        return err;
                    }
                }
                return null;
            }
        };
    }

    static BenchCase alltoall(Communicator world, ElementType type, int count) {
        Object send = type.allocate(Math.multiplyExact(count, world.size()));
        Object recv = type.allocate(Math.multiplyExact(count, world.size()));
        return new DataCase(world, "alltoall", type, count) {
            @Override
            public void prepareVerify() {
                for (int j = 0; j < size; j++) {
                    Patterns.fill(type, send, j * count, count, (long) rank * size + j + 1);
                }
                Patterns.clear(type, recv, 0, count * size);
            }

            @Override
            public void runOnce() {
                world.alltoall(send, 0, count, recv, 0, count);
            }

            @Override
            public String check() {
                for (int j = 0; j < size; j++) {
                    String err = Patterns.check(
                            type,
                            recv,
                            j * count,
                            count,
                            (long) j * size + rank + 1,
                            "rank " + rank + " alltoall block from rank " + j);
                    if (err != null) {
                        return err;
                    }
                }
                return null;
            }
        };
    }

    static BenchCase barrier(Communicator world) {
        return new BenchCase() {
            @Override
            public String test() {
                return "barrier";
            }

            @Override
            public long param() {
                return 0;
            }

            @Override
            public int unitsPerOp() {
                return 1;
            }

            @Override
            public long bytesPerUnit() {
                return 0;
            }

            @Override
            public void prepareVerify() {}

            @Override
            public void runOnce() {
                world.barrier();
            }

            @Override
            public String check() {
                return null;
            }

            @Override
            public boolean checksData() {
                return false;
            }
        };
    }
}
