package dev.jmpi.core.internal;

import dev.jmpi.Datatype;
import dev.jmpi.proto.DataType;

/** Maps API datatypes to their wire enum and back. */
public final class WireTypes {

    private WireTypes() {}

    /** The wire enum of {@code t}. */
    public static DataType toWire(Datatype t) {
        return switch (t) {
            case BYTE -> DataType.BYTE;
            case SHORT -> DataType.SHORT;
            case INT -> DataType.INT;
            case LONG -> DataType.LONG;
            case FLOAT -> DataType.FLOAT;
            case DOUBLE -> DataType.DOUBLE;
            case CHAR -> DataType.CHAR;
            case BOOLEAN -> DataType.BOOLEAN;
        };
    }

    /** The API datatype of a wire enum; objects travel as bytes. */
    public static Datatype fromWire(DataType t) {
        return switch (t) {
            case SHORT -> Datatype.SHORT;
            case INT -> Datatype.INT;
            case LONG -> Datatype.LONG;
            case FLOAT -> Datatype.FLOAT;
            case DOUBLE -> Datatype.DOUBLE;
            case CHAR -> Datatype.CHAR;
            case BOOLEAN -> Datatype.BOOLEAN;
            default -> Datatype.BYTE;
        };
    }
}
