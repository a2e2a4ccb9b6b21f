import com.google.protobuf.GeneratedMessageV3;
import com.google.protobuf.StringValue;
import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.Version;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * A user's program that bundles its own Netty 4.1, protobuf-java 3 and SLF4J 1.7 with slf4j-nop
 * (OwnLibrariesIT builds the fat jar). Each rank reports the versions it sees, uses Netty 4.1's
 * buffers and protobuf-java 3's GeneratedMessageV3 API, and exchanges both through jmpi.
 */
public final class OwnLibraries {

    private OwnLibraries() {
    }

    public static void main(String[] args) {
        LoggerFactory.getLogger(OwnLibraries.class).warn("slf4j-nop prints nothing");
        try (Communicator world = Jmpi.init(args)) {
            int rank = world.rank();
            ByteBuf buf = Unpooled.copiedBuffer("netty bytes of rank " + rank, StandardCharsets.UTF_8);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            buf.release();
            StringValue message = StringValue.of("protobuf 3 message of rank " + rank);
            // protobuf-java 3 API: its generated messages are GeneratedMessageV3 (4.x: GeneratedMessage).
            GeneratedMessageV3 v3 = (GeneratedMessageV3) (Object) message;
            List<StringValue> messages = world.allgatherObject(message);
            List<byte[]> payloads = world.allgatherObject(bytes);
            List<String> got = new ArrayList<>();
            for (int r = 0; r < world.size(); r++) {
                got.add(messages.get(r).getValue() + "|" + new String(payloads.get(r), StandardCharsets.UTF_8));
            }
            System.out.println("rank " + rank
                + " netty-common=" + Version.identify().get("netty-common").artifactVersion()
                + " netty-buffer=" + Version.identify().get("netty-buffer").artifactVersion()
                + " netty4.2=" + present("io.netty.util.LeakPresenceDetector")
                + " protobuf4=" + present("com.google.protobuf.RuntimeVersion")
                + " v3=" + v3.getClass().getSuperclass().getName()
                + " slf4j=" + LoggerFactory.getILoggerFactory().getClass().getName()
                + " got=" + got);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, OwnLibraries.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
