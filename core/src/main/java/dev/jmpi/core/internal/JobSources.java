package dev.jmpi.core.internal;

import java.io.InputStream;
import java.util.Map;

/**
 * Finds which launcher or engine started this process and reads the job from it, in order
 * of precedence: jmpirun's JMPI_* variables first. Returns null when nothing describes a
 * job: the program then runs as a singleton.
 */
public final class JobSources {

    private JobSources() {
    }

    /** The job this environment describes, or null for a singleton. */
    public static JobEnvironment detect(Map<String, String> env, InputStream stdin) {
        if (JobEnvironment.present(env)) {
            return JobEnvironment.fromJmpiVariables(env, stdin);
        }
        return null;
    }
}
