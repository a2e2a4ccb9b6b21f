package dev.jmpi.core.algorithm;

import dev.jmpi.testing.Ranks;
import java.time.Duration;
import org.junit.jupiter.api.Nested;

/**
 * The collective contracts over real communicators: the core's engine with in-JVM wiring
 * ({@link Ranks.Wiring#IN_JVM}), with the thresholds the environment sets (the defaults), so
 * the algorithm choice is the production one.
 */
class InJvmRanksCollectivesTest {

    private static final RankRunner IN_JVM = (n, body) -> Ranks.builder()
            .wiring(Ranks.Wiring.IN_JVM)
            .timeout(Duration.ofSeconds(60))
            .call(n, body::apply);

    @Nested
    class Reductions extends ReductionContract {
        @Override
        protected RankRunner runner() {
            return IN_JVM;
        }
    }

    @Nested
    class DataMovement extends DataMovementContract {
        @Override
        protected RankRunner runner() {
            return IN_JVM;
        }
    }

    @Nested
    class Semantics extends CollectiveSemanticsContract {
        @Override
        protected RankRunner runner() {
            return IN_JVM;
        }
    }

    @Nested
    class Arguments extends CollectiveArgumentsContract {
        @Override
        protected RankRunner runner() {
            return IN_JVM;
        }
    }
}
