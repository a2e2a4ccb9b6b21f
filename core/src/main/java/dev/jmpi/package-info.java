/**
 * jmpi's API: {@link dev.jmpi.Jmpi} joins the job and returns the world {@link
 * dev.jmpi.Communicator}; {@link dev.jmpi.Op}, {@link dev.jmpi.Datatype}, {@link
 * dev.jmpi.Status}, {@link dev.jmpi.Request} and the exceptions go with it.
 *
 * <p>Nothing here takes or returns {@code null} unless its type says {@code @Nullable}
 * (JSpecify's {@link org.jspecify.annotations.NullMarked}): a result that a rank may
 * normally not have is an {@link java.util.Optional} (a communicator a rank is left out of,
 * the status of a request in flight, the world before {@link dev.jmpi.Jmpi#init}); a rooted
 * collective's buffers and results that exist only at the root are {@code @Nullable}
 * elsewhere. The build checks this with NullAway.
 */
@NullMarked
package dev.jmpi;

import org.jspecify.annotations.NullMarked;
