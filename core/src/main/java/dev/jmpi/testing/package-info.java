/**
 * Runs ranks as threads of one JVM for tests ({@link dev.jmpi.testing.Ranks}). Nothing here
 * takes or returns {@code null} unless its type says {@code @Nullable}.
 */
@NullMarked
package dev.jmpi.testing;

import org.jspecify.annotations.NullMarked;
