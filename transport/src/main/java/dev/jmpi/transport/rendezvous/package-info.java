/**
 * How ranks learn each other's listen addresses before the mesh is built:
 * {@link dev.jmpi.transport.rendezvous.Rendezvous} with a TCP service and client
 * (authenticated with an HMAC over the job secret) and a static table for addresses known
 * in advance.
 */
package dev.jmpi.transport.rendezvous;
