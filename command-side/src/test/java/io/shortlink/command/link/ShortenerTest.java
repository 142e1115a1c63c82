package io.shortlink.command.link;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shortlink.events.LinkCreated;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Which command a creation sends, and how a generated code that is taken after all is replaced by the next. */
class ShortenerTest {

    private static final CreateLinkRequest GENERATED = new CreateLinkRequest("https://example.com/a", null, null, null, null, null, null, null);

    private final CommandGateway commands = mock(CommandGateway.class);
    private final Shortener shortener = new Shortener(commands, GivenCodes.of("aaaaaaa", "bbbbbbb", "ccccccc", "ddddddd"),
            new CreationMetrics(new SimpleMeterRegistry()), new LinkRules("http://sho.rt"));

    @AfterEach
    void endTransaction() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    @Test
    void aGeneratedCodeOnItsOwnIsCreatedWithoutReadingItsStream() {
        when(commands.sendAndWait(any())).thenAnswer(call -> created(call.getArgument(0)));

        assertThat(shortener.shorten(GENERATED, "alice").code()).isEqualTo("aaaaaaa");

        assertThat(sent(1)).singleElement().isInstanceOf(CreateLinkUnderNewCodeCommand.class);
    }

    @Test
    void aGeneratedCodeTakenByAnAliasIsReplacedByTheNext() {
        when(commands.sendAndWait(any()))
                .thenThrow(new AggregateStreamCreationException("the event store's unique key"))
                .thenAnswer(call -> created(call.getArgument(0)));

        assertThat(shortener.shorten(GENERATED, "alice").code()).isEqualTo("bbbbbbb");

        assertThat(sent(2)).extracting(command -> ((CreateLinkUnderNewCodeCommand) command).code())
                .containsExactly("aaaaaaa", "bbbbbbb");
    }

    @Test
    void insideALargerTransactionTheGeneratedCodesStreamIsReadFirst() {
        TransactionSynchronizationManager.setActualTransactionActive(true);
        when(commands.sendAndWait(any())).thenAnswer(call -> created(call.getArgument(0)));

        assertThat(shortener.shorten(GENERATED, "alice").code()).isEqualTo("aaaaaaa");

        assertThat(sent(1)).singleElement().isInstanceOfSatisfying(CreateLinkCommand.class,
                command -> assertThat(command.alias()).isFalse());
    }

    @Test
    void anAliasIsAlwaysReadFirstAndATakenOneIsRefused() {
        when(commands.sendAndWait(any())).thenThrow(new AggregateStreamCreationException("the event store's unique key"));
        CreateLinkRequest aliased = new CreateLinkRequest("https://example.com/a", "my-alias", null, null, null, null, null, null);

        assertThatThrownBy(() -> shortener.shorten(aliased, "alice"))
                .isInstanceOf(CodeTakenException.class);

        assertThat(sent(1)).singleElement().isInstanceOf(CreateLinkCommand.class);
    }

    private List<Object> sent(int times) {
        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commands, times(times)).sendAndWait(sent.capture());
        return sent.getAllValues();
    }

    private static LinkCreated created(Object command) {
        CreateLinkCommand link = command instanceof CreateLinkUnderNewCodeCommand generated ? generated.link() : (CreateLinkCommand) command;
        return new LinkCreated(link.code(), link.url(), link.owner(), 302, null, Instant.EPOCH, null, false, List.of(), null);
    }
}
