package dev.jmpi.core.internal;

import dev.jmpi.proto.CollectiveSignature;
import dev.jmpi.proto.DataType;

/** Readable forms of collective signatures. */
final class Signatures {

    private Signatures() {}

    /** {@code allreduce(count=10, type=DOUBLE, op=SUM)}. */
    static String describe(CollectiveSignature s) {
        StringBuilder b = new StringBuilder(s.getOperation()).append('(');
        String sep = "";
        if (s.getRoot() >= 0) {
            b.append("root=").append(s.getRoot());
            sep = ", ";
        }
        if (s.getCount() >= 0) {
            b.append(sep).append("count=").append(s.getCount());
            sep = ", ";
        }
        if (s.getDataType() != DataType.DATA_TYPE_UNSPECIFIED) {
            b.append(sep).append("type=").append(s.getDataType().name());
            sep = ", ";
        }
        if (!s.getOp().isEmpty()) {
            b.append(sep).append("op=").append(s.getOp());
        }
        return b.append(')').toString();
    }
}
