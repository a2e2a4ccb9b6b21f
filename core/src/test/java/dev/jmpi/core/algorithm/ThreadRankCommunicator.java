package dev.jmpi.core.algorithm;

import dev.jmpi.CartesianCommunicator;
import dev.jmpi.Communicator;
import dev.jmpi.Group;
import dev.jmpi.Message;
import dev.jmpi.ObjectRequest;
import dev.jmpi.PersistentRequest;
import dev.jmpi.Request;
import dev.jmpi.Status;
import dev.jmpi.core.internal.CollectiveCall;
import dev.jmpi.proto.CollectiveSignature;
import java.time.Duration;
import java.util.Optional;

/**
 * The communicator of one {@link ThreadRanks} rank: the real {@link Collectives} over the
 * test fabric's channels; everything else throws {@link UnsupportedOperationException}.
 */
final class ThreadRankCommunicator extends Collectives {

    private final ThreadRanks.Host host;

    ThreadRankCommunicator(ThreadRanks.Host host, AlgorithmThresholds thresholds) {
        super(thresholds);
        this.host = host;
    }

    @Override
    public int rank() {
        return host.rank();
    }

    @Override
    public int size() {
        return host.size();
    }

    @Override
    public CollectiveCall begin(CollectiveSignature.Builder signature) {
        return host.begin(signature);
    }

    @Override
    public Duration timeout() {
        return Duration.ZERO;
    }

    @Override
    public String describeRank(int rank) {
        return "rank " + rank;
    }

    @Override
    public String toString() {
        return "ThreadRanks communicator, rank " + rank();
    }

    private static UnsupportedOperationException notCollective(String method) {
        return new UnsupportedOperationException(
                method + " is not a collective; ThreadRanks communicators only" + " run collectives");
    }

    @Override
    public Group group() {
        throw notCollective("group");
    }

    @Override
    public void setTimeout(Duration timeout) {
        throw notCollective("setTimeout");
    }

    @Override
    public void send(Object buf, int offset, int count, int dest, int tag) {
        throw notCollective("send");
    }

    @Override
    public void ssend(Object buf, int offset, int count, int dest, int tag) {
        throw notCollective("ssend");
    }

    @Override
    public Status recv(Object buf, int offset, int count, int source, int tag) {
        throw notCollective("recv");
    }

    @Override
    public Request isend(Object buf, int offset, int count, int dest, int tag) {
        throw notCollective("isend");
    }

    @Override
    public Request issend(Object buf, int offset, int count, int dest, int tag) {
        throw notCollective("issend");
    }

    @Override
    public Request irecv(Object buf, int offset, int count, int source, int tag) {
        throw notCollective("irecv");
    }

    @Override
    public Status sendrecv(
            Object sendBuf,
            int sendOffset,
            int sendCount,
            int dest,
            int sendTag,
            Object recvBuf,
            int recvOffset,
            int recvCount,
            int source,
            int recvTag) {
        throw notCollective("sendrecv");
    }

    @Override
    public Status sendrecvReplace(Object buf, int offset, int count, int dest, int sendTag, int source, int recvTag) {
        throw notCollective("sendrecvReplace");
    }

    @Override
    public Status probe(int source, int tag) {
        throw notCollective("probe");
    }

    @Override
    public Optional<Status> iprobe(int source, int tag) {
        throw notCollective("iprobe");
    }

    @Override
    public void sendObject(Object value, int dest, int tag) {
        throw notCollective("sendObject");
    }

    @Override
    public <T> T recvObject(int source, int tag) {
        throw notCollective("recvObject");
    }

    @Override
    public <T> Received<T> recvObjectWithStatus(int source, int tag) {
        throw notCollective("recvObjectWithStatus");
    }

    @Override
    public Request isendObject(Object value, int dest, int tag) {
        throw notCollective("isendObject");
    }

    @Override
    public <T> ObjectRequest<T> irecvObject(int source, int tag) {
        throw notCollective("irecvObject");
    }

    @Override
    public Communicator createFromGroup(Group group, int tag) {
        throw notCollective("createFromGroup");
    }

    @Override
    public Message mprobe(int source, int tag) {
        throw notCollective("mprobe");
    }

    @Override
    public Optional<Message> improbe(int source, int tag) {
        throw notCollective("improbe");
    }

    @Override
    public Status mrecv(Object buf, int offset, int count, Message message) {
        throw notCollective("mrecv");
    }

    @Override
    public Request imrecv(Object buf, int offset, int count, Message message) {
        throw notCollective("imrecv");
    }

    @Override
    public <T> T mrecvObject(Message message) {
        throw notCollective("mrecvObject");
    }

    @Override
    public Request isendrecv(
            Object sendBuf,
            int sendOffset,
            int sendCount,
            int dest,
            int sendTag,
            Object recvBuf,
            int recvOffset,
            int recvCount,
            int source,
            int recvTag) {
        throw notCollective("isendrecv");
    }

    @Override
    public Request isendrecvReplace(Object buf, int offset, int count, int dest, int sendTag, int source, int recvTag) {
        throw notCollective("isendrecvReplace");
    }

    @Override
    public PersistentRequest sendInit(Object buf, int offset, int count, int dest, int tag) {
        throw notCollective("sendInit");
    }

    @Override
    public PersistentRequest ssendInit(Object buf, int offset, int count, int dest, int tag) {
        throw notCollective("ssendInit");
    }

    @Override
    public PersistentRequest recvInit(Object buf, int offset, int count, int source, int tag) {
        throw notCollective("recvInit");
    }

    @Override
    public Communicator dup() {
        throw notCollective("dup");
    }

    @Override
    public Optional<Communicator> split(int color, int key) {
        throw notCollective("split");
    }

    @Override
    public Optional<Communicator> create(Group group) {
        throw notCollective("create");
    }

    @Override
    public Optional<CartesianCommunicator> createCartesian(int[] dims, boolean[] periods, boolean reorder) {
        throw notCollective("createCartesian");
    }

    @Override
    public void abort(int exitCode) {
        throw notCollective("abort");
    }

    @Override
    public void close() {}
}
