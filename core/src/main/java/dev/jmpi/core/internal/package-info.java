/**
 * jmpi's implementation: not API. Classes here are public only because jmpi's own modules
 * (launcher, junit, the MPI facades) call them across packages; they change without notice.
 * Applications use {@code dev.jmpi} and {@code dev.jmpi.testing}. See docs/architecture.md,
 * "Class path", for why no module descriptor enforces this.
 */
package dev.jmpi.core.internal;
