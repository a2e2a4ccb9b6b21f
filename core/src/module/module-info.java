/**
 * jmpi-core as a named module. Compiled by core's build after shading, against the shaded jar
 * (docs/architecture.md, "Class path"): the module holds the API, the implementation, the
 * transport, the wire schema and the relocated Netty and Protobuf, and exports only the API
 * to everybody.
 */
module dev.jmpi.core {
    requires org.slf4j;
    // The API's nullness annotations (@NullMarked, @Nullable): needed to compile this module,
    // not at run time. Not transitive: a modular application compiles and runs with only
    // jmpi-core and slf4j-api on its module path (checked by hand with javac -Werror; the
    // annotations stay in the class files for checkers that have jspecify).
    requires static org.jspecify;
    // What jdeps finds in the shaded jar: jmpi (java.management, jdk.jfr), relocated Protobuf
    // (java.logging, jdk.unsupported) and relocated Netty (java.naming, jdk.unsupported).
    requires java.logging;
    requires java.management;
    requires java.naming;
    requires jdk.jfr;
    requires jdk.unsupported;

    exports dev.jmpi;
    exports dev.jmpi.testing;

    // jmpi's own modules (automatic modules today, named by their Automatic-Module-Name).
    exports dev.jmpi.core.observe to dev.jmpi.launcher, dev.jmpi.bench;
    exports dev.jmpi.core.internal to dev.jmpi.launcher, dev.jmpi.bench;
    exports dev.jmpi.transport to dev.jmpi.launcher, dev.jmpi.bench;
    exports dev.jmpi.transport.rendezvous to dev.jmpi.launcher;
    exports dev.jmpi.transport.config to dev.jmpi.launcher;
    exports dev.jmpi.proto to dev.jmpi.launcher, dev.jmpi.bench;
    exports dev.jmpi.internal.shaded.io.netty.buffer to dev.jmpi.bench;
    exports dev.jmpi.internal.shaded.com.google.protobuf to dev.jmpi.bench;
}
