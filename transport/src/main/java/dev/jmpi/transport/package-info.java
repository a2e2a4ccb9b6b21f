/**
 * The transport of jmpi: moves framed messages between the ranks of one job and reports
 * peers that fail. {@link dev.jmpi.transport.Transport} is the only interface the core
 * uses; {@link dev.jmpi.transport.NettyMesh} implements it over TCP (full mesh, HMAC
 * handshake over the job secret, optional TLS, length-prefixed protobuf frames with
 * chunking, backpressure from write-buffer water marks, heartbeats) and
 * {@link dev.jmpi.transport.InJvmFabric} inside one JVM for tests. Everything else in this
 * package is package-private plumbing; the transport knows nothing of communicators or
 * collectives.
 */
package dev.jmpi.transport;
