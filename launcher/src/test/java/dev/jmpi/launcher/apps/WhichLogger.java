package dev.jmpi.launcher.apps;

import org.slf4j.LoggerFactory;

/** Test rank: prints which SLF4J logger factory this rank's class path gave it. */
public final class WhichLogger {

    private WhichLogger() {}

    public static void main(String[] args) {
        LoggerFactory.getLogger(WhichLogger.class).warn("a warning from the application");
        System.out.println(System.getenv("JMPI_RANK") + " factory="
                + LoggerFactory.getILoggerFactory().getClass().getName());
    }
}
