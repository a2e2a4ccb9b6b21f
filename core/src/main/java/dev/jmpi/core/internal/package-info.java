/**
 * jmpi's implementation: not API. Classes here are public only because jmpi's own modules
 * (launcher, junit, the MPI facades) call them across packages; they change without notice.
 * Applications use {@code dev.jmpi} and {@code dev.jmpi.testing}, the only packages the
 * module {@code dev.jmpi.core} exports to them (core/src/module/module-info.java).
 */
package dev.jmpi.core.internal;
