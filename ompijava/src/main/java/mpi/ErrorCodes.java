package mpi;

/** Open MPI's numeric error classes (the values of {@code mpi.h}), used by {@link MPI}'s constants. */
final class ErrorCodes {
    static final int SUCCESS = 0;
    static final int ERR_BUFFER = 1;
    static final int ERR_COUNT = 2;
    static final int ERR_TYPE = 3;
    static final int ERR_TAG = 4;
    static final int ERR_COMM = 5;
    static final int ERR_RANK = 6;
    static final int ERR_REQUEST = 7;
    static final int ERR_ROOT = 8;
    static final int ERR_GROUP = 9;
    static final int ERR_OP = 10;
    static final int ERR_TOPOLOGY = 11;
    static final int ERR_DIMS = 12;
    static final int ERR_ARG = 13;
    static final int ERR_UNKNOWN = 14;
    static final int ERR_TRUNCATE = 15;
    static final int ERR_OTHER = 16;
    static final int ERR_INTERN = 17;
    static final int ERR_IN_STATUS = 18;
    static final int ERR_PENDING = 19;
    static final int ERR_ACCESS = 20;
    static final int ERR_AMODE = 21;
    static final int ERR_ASSERT = 22;
    static final int ERR_BAD_FILE = 23;
    static final int ERR_BASE = 24;
    static final int ERR_CONVERSION = 25;
    static final int ERR_DISP = 26;
    static final int ERR_DUP_DATAREP = 27;
    static final int ERR_FILE_EXISTS = 28;
    static final int ERR_FILE_IN_USE = 29;
    static final int ERR_FILE = 30;
    static final int ERR_INFO_KEY = 31;
    static final int ERR_INFO_NOKEY = 32;
    static final int ERR_INFO_VALUE = 33;
    static final int ERR_INFO = 34;
    static final int ERR_IO = 35;
    static final int ERR_KEYVAL = 36;
    static final int ERR_LOCKTYPE = 37;
    static final int ERR_NAME = 38;
    static final int ERR_NO_MEM = 39;
    static final int ERR_NOT_SAME = 40;
    static final int ERR_NO_SPACE = 41;
    static final int ERR_NO_SUCH_FILE = 42;
    static final int ERR_PORT = 43;
    static final int ERR_QUOTA = 44;
    static final int ERR_READ_ONLY = 45;
    static final int ERR_RMA_CONFLICT = 46;
    static final int ERR_RMA_SYNC = 47;
    static final int ERR_SERVICE = 48;
    static final int ERR_SIZE = 49;
    static final int ERR_SPAWN = 50;
    static final int ERR_UNSUPPORTED_DATAREP = 51;
    static final int ERR_UNSUPPORTED_OPERATION = 52;
    static final int ERR_WIN = 53;
    static final int ERR_LASTCODE = 92;
    static final int ERR_SYSRESOURCE = -2;

    private ErrorCodes() {}
}
