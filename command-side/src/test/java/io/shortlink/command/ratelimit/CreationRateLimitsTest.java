package io.shortlink.command.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.util.concurrent.batch.BatchHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** Taking a token when Bucket4j's batching fails a batch that met no bucket. */
class CreationRateLimitsTest {

    private final BucketProxy batched = mock(BucketProxy.class);
    private final BucketProxy alone = mock(BucketProxy.class);

    @Test
    void aTokenComesFromTheBatchWhenItsBucketExists() {
        ConsumptionProbe taken = ConsumptionProbe.consumed(4, 0);
        when(batched.tryConsumeAndReturnRemaining(1)).thenReturn(taken);

        assertThat(CreationRateLimits.takeOne(batched, () -> alone)).isSameAs(taken);
        verifyNoInteractions(alone);
    }

    @Test
    void aBatchThatMetNoBucketTakesEachTokenAloneWhichCreatesTheBucket() {
        when(batched.tryConsumeAndReturnRemaining(1))
                .thenThrow(new BatchHelper.BatchFailedException(new BucketNotFoundException()));
        ConsumptionProbe refused = ConsumptionProbe.rejected(0, 1_000, 1_000);
        when(alone.tryConsumeAndReturnRemaining(1)).thenReturn(refused);

        assertThat(CreationRateLimits.takeOne(batched, () -> alone)).isSameAs(refused);
    }

    @Test
    void anyOtherFailureOfTheBatchIsNotRetried() {
        IllegalStateException storage = new IllegalStateException("connection refused");
        when(batched.tryConsumeAndReturnRemaining(1)).thenThrow(new BatchHelper.BatchFailedException(storage));

        assertThatThrownBy(() -> CreationRateLimits.takeOne(batched, () -> alone)).hasCause(storage);
        verifyNoInteractions(alone);
    }
}
