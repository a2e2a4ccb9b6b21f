package com.example;

/** Reaches into jmpi's implementation, which jmpi-core does not export: must not compile. */
public final class UsesInternals {

    private UsesInternals() {
    }

    static final Class<?> BOOTSTRAP = dev.jmpi.core.internal.Bootstrap.class;
}
