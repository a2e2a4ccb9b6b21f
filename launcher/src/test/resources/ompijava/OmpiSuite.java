import mpi.*;

/** Runs every area's checks in one job, so each rank count costs one jmpirun. */
public class OmpiSuite {

    public static void main(String[] args) throws MPIException {
        MPI.Init(args);
        int me = MPI.COMM_WORLD.getRank();
        String only = args.length > 0 ? args[0] : "all";
        if (only.equals("all") || only.equals("p2p")) {
            OmpiPointToPoint.run();
            report(me, "p2p");
        }
        if (only.equals("all") || only.equals("collectives")) {
            OmpiCollectives.run();
            report(me, "collectives");
        }
        if (only.equals("all") || only.equals("datatypes")) {
            OmpiDatatypes.run();
            report(me, "datatypes");
        }
        if (only.equals("all") || only.equals("comms")) {
            OmpiCommunicators.run();
            report(me, "comms");
        }
        MPI.Finalize();
    }

    private static void report(int me, String area) throws MPIException {
        MPI.COMM_WORLD.barrier();
        if (me == 0) {
            System.out.println("PASSED " + area + " on " + MPI.COMM_WORLD.getSize());
        }
    }
}
