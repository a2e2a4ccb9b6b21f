module com.example.app {
    requires dev.jmpi.core;
}
