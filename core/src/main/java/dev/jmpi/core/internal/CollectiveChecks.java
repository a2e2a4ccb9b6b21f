package dev.jmpi.core.internal;

/**
 * Whether collective frames carry their call's signature and are checked against the
 * receiver's own call (on by default). Turning it off saves the signature bytes on every
 * collective frame and one map lookup per frame, and gives up the mismatch diagnosis: ranks
 * whose calls disagree may then hang or compute garbage, as in plain MPI.
 */
final class CollectiveChecks {

    /** System property; {@code false} turns the checks off. */
    static final String PROP = "jmpi.checkCollectives";
    /** Environment variable with the same meaning; the property wins. */
    static final String ENV = "JMPI_CHECK_COLLECTIVES";

    static final boolean ENABLED = !"false".equalsIgnoreCase(
        System.getProperty(PROP, System.getenv().getOrDefault(ENV, "true")).trim());

    private CollectiveChecks() {
    }
}
