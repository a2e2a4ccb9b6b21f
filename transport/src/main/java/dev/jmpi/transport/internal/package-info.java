/**
 * Small helpers the transport's packages share. Public only so that
 * {@code dev.jmpi.transport.rendezvous} can use them: not API, may change without notice.
 */
package dev.jmpi.transport.internal;
