package mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * mpiJava programs compiled against the facade with javac, and run as separate JVMs (a job
 * of one rank: no launcher), as a user would.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SourceCompatibilityTest {

    @TempDir
    Path dir;

    private static final String CLASSIC = """
        import mpi.*;
        import java.nio.ByteBuffer;

        public class Classic {
            static class Sum extends User_function {
                public void Call(Object in, int io, Object inout, int ioo, int count, Datatype type)
                        throws MPIException {
                    int[] a = (int[]) in;
                    int[] b = (int[]) inout;
                    for (int i = 0; i < count; i++) {
                        b[ioo + i] += a[io + i];
                    }
                }
            }

            static int rank() {
                return MPI.COMM_WORLD.Rank();
            }

            public static void main(String[] args) throws MPIException {
                String[] rest = MPI.Init(args);
                int me = MPI.COMM_WORLD.Rank();
                int size = MPI.COMM_WORLD.Size();
                int[] buf = new int[4];
                Request r = MPI.COMM_WORLD.Irecv(buf, 0, 1, MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
                MPI.COMM_WORLD.Send(new int[] {41}, 0, 1, MPI.INT, me, 3);
                Status s = r.Wait();
                Status[] all = Request.Waitall(new Request[] {MPI.REQUEST_NULL});
                int[] sum = new int[1];
                MPI.COMM_WORLD.Allreduce(new int[] {1}, 0, sum, 0, 1, MPI.INT, new Op(new Sum(), true));
                MPI.COMM_WORLD.Reduce(new double[2], 0, new double[2], 0, 1, MPI.DOUBLE2, MPI.MAXLOC, 0);
                int[] dims = new int[2];
                Cartcomm.Dims_create(size, dims);
                Cartcomm cart = MPI.COMM_WORLD.Create_cart(dims, new boolean[] {true, false}, false);
                ShiftParms sp = cart.Shift(0, 1);
                CartParms cp = cart.Get();
                Datatype col = Datatype.Vector(2, 1, 2, MPI.INT);
                col.Commit();
                MPI.Buffer_attach(ByteBuffer.allocate(64));
                Intracomm sub = MPI.COMM_WORLD.Split(0, me);
                Group g = sub.Group();
                int cmp = Group.Compare(g, MPI.COMM_WORLD.Group());
                Prequest p = MPI.COMM_WORLD.Send_init(buf, 0, 1, MPI.INT, MPI.PROC_NULL, 0);
                p.Start();
                p.Wait();
                try {
                    MPI.COMM_WORLD.Send(buf, 0, 1, MPI.INT, 5, 0);
                } catch (MPIException e) {
                    // dropped, as many mpiJava programs do; the facade printed it
                }
                double t = MPI.Wtime() + MPI.Wtick();
                System.out.println("classic " + rank() + "/" + size + " got " + buf[0] + " from " + s.source
                    + " tag " + s.tag + " sum " + sum[0] + " cart " + cp.dims[0] + "x" + cp.dims[1]
                    + " shift " + sp.rank_source + "," + sp.rank_dest + " cmp " + cmp + " rest " + rest.length
                    + " host " + (MPI.Get_processor_name().length() > 0) + " t " + (t > 0) + " " + all.length);
                if (args.length > 0) {
                    MPI.COMM_WORLD.Abort(Integer.parseInt(args[0]));
                }
                MPI.Finalize();
            }
        }
        """;

    @Test
    void aClassicMpiJavaProgramCompilesAndRunsUnchanged() throws Exception {
        List<Diagnostic<? extends JavaFileObject>> errors = compile("Classic", CLASSIC);
        assertEquals(List.of(), errors.stream().map(d -> d.getMessage(null)).collect(Collectors.toList()));
        Result r = run("Classic");
        assertEquals(0, r.exitCode, r.stderr);
        assertTrue(
                r.stdout.contains("classic 0/1 got 41 from 0 tag 3 sum 1 cart 1x1 shift 0,0 cmp 0 rest 0"), r.stdout);
        assertTrue(r.stderr.contains("mpi: rank 0: dest=5 (expected: 0 <= dest < size=1"), r.stderr);
    }

    @Test
    void abortEndsTheProcessWithTheRequestedExitCode() throws Exception {
        assertEquals(List.of(), compile("Classic", CLASSIC));
        Result r = run("Classic", "7");
        assertEquals(7, r.exitCode, r.stderr);
        assertTrue(r.stderr.contains("Abort(7)"), r.stderr);
    }

    @Test
    void aProgramUsingAnotherBindingsSignaturesIsReportedAsNotCompiling() throws Exception {
        String openMpiStyle = """
            import mpi.*;

            public class Other {
                public static void main(String[] args) throws MPIException {
                    MPI.Init(args);
                    int rank = MPI.COMM_WORLD.getRank();
                    MPI.COMM_WORLD.Send(new int[1], 1, MPI.INT, 0, 0);
                    MPI.Finalize();
                }
            }
            """;
        List<Diagnostic<? extends JavaFileObject>> errors = compile("Other", openMpiStyle);
        assertEquals(2, errors.size(), errors.toString());
        assertEquals(6, errors.get(0).getLineNumber());
        assertTrue(
                errors.get(0).getMessage(null).contains("getRank"),
                errors.get(0).getMessage(null));
        assertEquals(7, errors.get(1).getLineNumber());
        assertTrue(
                errors.get(1).getMessage(null).contains("Send"), errors.get(1).getMessage(null));
    }

    private List<Diagnostic<? extends JavaFileObject>> compile(String name, String source) throws IOException {
        Path file = dir.resolve(name + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            String classpath = location(MPI.class) + File.pathSeparator + location(dev.jmpi.Communicator.class);
            List<String> options = List.of("-d", dir.toString(), "-classpath", classpath, "-proc:none");
            javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(file.toFile()))
                    .call();
        }
        List<Diagnostic<? extends JavaFileObject>> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(d);
            }
        }
        return errors;
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    private Result run(String mainClass, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(dir + File.pathSeparator + System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.keySet()
                .removeIf(k -> k.startsWith("JMPI_")
                        || k.startsWith("SLURM_")
                        || k.startsWith("PMI_")
                        || k.startsWith("OMPI_")
                        || k.equals("JOB_COMPLETION_INDEX")
                        || k.equals("RANK")
                        || k.equals("WORLD_SIZE")
                        || k.equals("MASTER_ADDR")
                        || k.equals("MASTER_PORT"));
        pb.redirectOutput(dir.resolve("out.txt").toFile());
        pb.redirectError(dir.resolve("err.txt").toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the program did not finish within 60 s");
        }
        return new Result(
                p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }
}
