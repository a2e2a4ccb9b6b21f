module com.example.internal {
    requires dev.jmpi.core;
}
