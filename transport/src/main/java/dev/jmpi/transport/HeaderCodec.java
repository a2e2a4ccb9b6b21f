package dev.jmpi.transport;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import dev.jmpi.proto.CollectiveSignature;
import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;

/**
 * Every frame's {@link Header} (and the {@link CollectiveSignature} a collective frame carries)
 * in Protobuf's wire format, written and read field by field. The bytes are those the
 * generated code writes (proto3: fields at their default value left out, fields in number
 * order), so either side may be the generated code; the frame tests hold the two to each
 * other. Why by hand: jmpi's messages are lite ones (see {@code NettyLogging} for why), and the
 * lite runtime serializes through a reflective schema, which measured 350-500 ns per header to
 * write and ~145 ns to read against ~130 and ~75 ns for the full runtime's generated code
 * ({@code FrameCodecBenchmark}), on every message sent and received.
 *
 * <p>Reading keeps Protobuf's rules: a field that comes twice takes the last value (a message
 * field merges), and fields this build does not know are skipped, so a newer peer's additions
 * do not break an older one. Unknown fields are not kept.
 */
public final class HeaderCodec {

    private static final int VARINT = WireFormat.WIRETYPE_VARINT;
    private static final int DELIMITED = WireFormat.WIRETYPE_LENGTH_DELIMITED;

    private static final int KIND = tag(Header.KIND_FIELD_NUMBER, VARINT);
    private static final int CONTEXT = tag(Header.CONTEXT_FIELD_NUMBER, VARINT);
    private static final int SOURCE = tag(Header.SOURCE_FIELD_NUMBER, VARINT);
    private static final int TAG = tag(Header.TAG_FIELD_NUMBER, VARINT);
    private static final int SEQUENCE = tag(Header.SEQUENCE_FIELD_NUMBER, VARINT);
    private static final int DATA_TYPE = tag(Header.DATA_TYPE_FIELD_NUMBER, VARINT);
    private static final int COUNT = tag(Header.COUNT_FIELD_NUMBER, VARINT);
    private static final int CHUNK_INDEX = tag(Header.CHUNK_INDEX_FIELD_NUMBER, VARINT);
    private static final int CHUNK_TOTAL = tag(Header.CHUNK_TOTAL_FIELD_NUMBER, VARINT);
    private static final int TOTAL_BYTES = tag(Header.TOTAL_BYTES_FIELD_NUMBER, VARINT);
    private static final int SYNC = tag(Header.SYNC_FIELD_NUMBER, VARINT);
    private static final int SIGNATURE = tag(Header.SIGNATURE_FIELD_NUMBER, DELIMITED);
    private static final int REQUEST_TO_SEND = tag(Header.REQUEST_TO_SEND_FIELD_NUMBER, VARINT);
    private static final int MESSAGE_BYTES = tag(Header.MESSAGE_BYTES_FIELD_NUMBER, VARINT);
    private static final int CREDIT = tag(Header.CREDIT_FIELD_NUMBER, VARINT);
    private static final int FINAL_CALL = tag(Header.FINAL_CALL_FIELD_NUMBER, VARINT);
    private static final int DATA_OFFSET = tag(Header.DATA_OFFSET_FIELD_NUMBER, VARINT);

    private static final int SIG_OPERATION = tag(CollectiveSignature.OPERATION_FIELD_NUMBER, DELIMITED);
    private static final int SIG_ROOT = tag(CollectiveSignature.ROOT_FIELD_NUMBER, VARINT);
    private static final int SIG_COUNT = tag(CollectiveSignature.COUNT_FIELD_NUMBER, VARINT);
    private static final int SIG_DATA_TYPE = tag(CollectiveSignature.DATA_TYPE_FIELD_NUMBER, VARINT);
    private static final int SIG_OP = tag(CollectiveSignature.OP_FIELD_NUMBER, DELIMITED);
    private static final int SIG_SEQUENCE = tag(CollectiveSignature.SEQUENCE_FIELD_NUMBER, VARINT);

    private HeaderCodec() {}

    private static int tag(int field, int wireType) {
        return (field << 3) | wireType;
    }

    /** Bytes {@link #write} writes for {@code h}. */
    public static int size(Header h) {
        int n = int32(KIND, h.getKindValue())
                + int32(CONTEXT, h.getContext())
                + int32(SOURCE, h.getSource())
                + int32(TAG, h.getTag())
                + int64(SEQUENCE, h.getSequence())
                + int32(DATA_TYPE, h.getDataTypeValue())
                + int64(COUNT, h.getCount())
                + int32(CHUNK_INDEX, h.getChunkIndex())
                + int32(CHUNK_TOTAL, h.getChunkTotal())
                + int64(TOTAL_BYTES, h.getTotalBytes())
                + bool(SYNC, h.getSync());
        if (h.hasSignature()) {
            int s = signatureSize(h.getSignature());
            n += varintSize(SIGNATURE) + varintSize(s) + s;
        }
        return n
                + bool(REQUEST_TO_SEND, h.getRequestToSend())
                + int64(MESSAGE_BYTES, h.getMessageBytes())
                + int64(CREDIT, h.getCredit())
                + bool(FINAL_CALL, h.getFinalCall())
                + int64(DATA_OFFSET, h.getDataOffset());
    }

    /** Writes {@code h} to {@code out}: {@link #size} bytes, no length prefix. */
    public static void write(Header h, ByteBuf out) {
        writeInt32(out, KIND, h.getKindValue());
        writeInt32(out, CONTEXT, h.getContext());
        writeInt32(out, SOURCE, h.getSource());
        writeInt32(out, TAG, h.getTag());
        writeInt64(out, SEQUENCE, h.getSequence());
        writeInt32(out, DATA_TYPE, h.getDataTypeValue());
        writeInt64(out, COUNT, h.getCount());
        writeInt32(out, CHUNK_INDEX, h.getChunkIndex());
        writeInt32(out, CHUNK_TOTAL, h.getChunkTotal());
        writeInt64(out, TOTAL_BYTES, h.getTotalBytes());
        writeBool(out, SYNC, h.getSync());
        if (h.hasSignature()) {
            CollectiveSignature s = h.getSignature();
            writeVarint(out, SIGNATURE);
            writeVarint(out, signatureSize(s));
            writeSignature(s, out);
        }
        writeBool(out, REQUEST_TO_SEND, h.getRequestToSend());
        writeInt64(out, MESSAGE_BYTES, h.getMessageBytes());
        writeInt64(out, CREDIT, h.getCredit());
        writeBool(out, FINAL_CALL, h.getFinalCall());
        writeInt64(out, DATA_OFFSET, h.getDataOffset());
    }

    /**
     * Reads a length-delimited header (the length varint, then the fields) from {@code in} into
     * {@code b}, as {@code in.readMessage(b, registry)} would.
     */
    public static void readDelimited(CodedInputStream in, Header.Builder b) throws IOException {
        int limit = in.pushLimit(readLength(in));
        while (true) {
            int t = in.readTag();
            if (t == 0) {
                break;
            }
            if (t == KIND) {
                b.setKindValue(in.readEnum());
            } else if (t == CONTEXT) {
                b.setContext(in.readInt32());
            } else if (t == SOURCE) {
                b.setSource(in.readInt32());
            } else if (t == TAG) {
                b.setTag(in.readInt32());
            } else if (t == SEQUENCE) {
                b.setSequence(in.readInt64());
            } else if (t == DATA_TYPE) {
                b.setDataTypeValue(in.readEnum());
            } else if (t == COUNT) {
                b.setCount(in.readInt64());
            } else if (t == CHUNK_INDEX) {
                b.setChunkIndex(in.readInt32());
            } else if (t == CHUNK_TOTAL) {
                b.setChunkTotal(in.readInt32());
            } else if (t == TOTAL_BYTES) {
                b.setTotalBytes(in.readInt64());
            } else if (t == SYNC) {
                b.setSync(in.readBool());
            } else if (t == SIGNATURE) {
                CollectiveSignature.Builder s =
                        b.hasSignature() ? b.getSignature().toBuilder() : CollectiveSignature.newBuilder();
                readSignature(in, s);
                b.setSignature(s);
            } else if (t == REQUEST_TO_SEND) {
                b.setRequestToSend(in.readBool());
            } else if (t == MESSAGE_BYTES) {
                b.setMessageBytes(in.readInt64());
            } else if (t == CREDIT) {
                b.setCredit(in.readInt64());
            } else if (t == FINAL_CALL) {
                b.setFinalCall(in.readBool());
            } else if (t == DATA_OFFSET) {
                b.setDataOffset(in.readInt64());
            } else if (!in.skipField(t)) {
                throw new InvalidProtocolBufferException("end-group tag " + t + " in a header");
            }
        }
        in.checkLastTagWas(0);
        in.popLimit(limit);
    }

    private static void readSignature(CodedInputStream in, CollectiveSignature.Builder s) throws IOException {
        int limit = in.pushLimit(readLength(in));
        while (true) {
            int t = in.readTag();
            if (t == 0) {
                break;
            }
            if (t == SIG_OPERATION) {
                s.setOperation(in.readStringRequireUtf8());
            } else if (t == SIG_ROOT) {
                s.setRoot(in.readInt32());
            } else if (t == SIG_COUNT) {
                s.setCount(in.readInt64());
            } else if (t == SIG_DATA_TYPE) {
                s.setDataTypeValue(in.readEnum());
            } else if (t == SIG_OP) {
                s.setOp(in.readStringRequireUtf8());
            } else if (t == SIG_SEQUENCE) {
                s.setSequence(in.readInt64());
            } else if (!in.skipField(t)) {
                throw new InvalidProtocolBufferException("end-group tag " + t + " in a collective signature");
            }
        }
        in.checkLastTagWas(0);
        in.popLimit(limit);
    }

    private static int readLength(CodedInputStream in) throws IOException {
        int length = in.readRawVarint32();
        if (length < 0) {
            throw new InvalidProtocolBufferException("negative length " + length);
        }
        return length;
    }

    private static int signatureSize(CollectiveSignature s) {
        return string(SIG_OPERATION, s.getOperation())
                + int32(SIG_ROOT, s.getRoot())
                + int64(SIG_COUNT, s.getCount())
                + int32(SIG_DATA_TYPE, s.getDataTypeValue())
                + string(SIG_OP, s.getOp())
                + int64(SIG_SEQUENCE, s.getSequence());
    }

    private static void writeSignature(CollectiveSignature s, ByteBuf out) {
        writeString(out, SIG_OPERATION, s.getOperation());
        writeInt32(out, SIG_ROOT, s.getRoot());
        writeInt64(out, SIG_COUNT, s.getCount());
        writeInt32(out, SIG_DATA_TYPE, s.getDataTypeValue());
        writeString(out, SIG_OP, s.getOp());
        writeInt64(out, SIG_SEQUENCE, s.getSequence());
    }

    // Protobuf's encodings: an int32 or enum is a varint of its value sign-extended to 64 bits
    // (a negative one takes 10 bytes), an int64 a varint, a bool one byte, a string its UTF-8
    // length and bytes. proto3 leaves a field at its default (0, false, "") out.

    private static int int32(int tag, int v) {
        return v == 0 ? 0 : varintSize(tag) + varintSize(v);
    }

    private static int int64(int tag, long v) {
        return v == 0 ? 0 : varintSize(tag) + varint64Size(v);
    }

    private static int bool(int tag, boolean v) {
        return v ? varintSize(tag) + 1 : 0;
    }

    private static int string(int tag, String v) {
        if (v.isEmpty()) {
            return 0;
        }
        int bytes = ByteBufUtil.utf8Bytes(v);
        return varintSize(tag) + varintSize(bytes) + bytes;
    }

    private static void writeInt32(ByteBuf out, int tag, int v) {
        if (v != 0) {
            writeVarint(out, tag);
            writeVarint64(out, v);
        }
    }

    private static void writeInt64(ByteBuf out, int tag, long v) {
        if (v != 0) {
            writeVarint(out, tag);
            writeVarint64(out, v);
        }
    }

    private static void writeBool(ByteBuf out, int tag, boolean v) {
        if (v) {
            writeVarint(out, tag);
            out.writeByte(1);
        }
    }

    private static void writeString(ByteBuf out, int tag, String v) {
        if (!v.isEmpty()) {
            writeVarint(out, tag);
            writeVarint(out, ByteBufUtil.utf8Bytes(v));
            ByteBufUtil.writeUtf8(out, v);
        }
    }

    /** Size of a varint of {@code v}, sign-extended when negative (10 bytes), as int32 fields are. */
    static int varintSize(int v) {
        return v < 0 ? 10 : varint64Size(v);
    }

    static int varint64Size(long v) {
        // 1 byte per 7 significant bits, at least one.
        return (63 - Long.numberOfLeadingZeros(v | 1)) / 7 + 1;
    }

    /** A non-negative varint (tags and lengths). */
    private static void writeVarint(ByteBuf out, int v) {
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    private static void writeVarint64(ByteBuf out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }
}
