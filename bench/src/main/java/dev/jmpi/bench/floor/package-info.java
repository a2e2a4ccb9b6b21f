/**
 * Floors under jmpi's numbers: what plain Java reaches over a loopback TCP socket, without
 * jmpi, measured the way bench/reference/tcppingpong.c measures C.
 */
package dev.jmpi.bench.floor;
