package io.shortlink.infra;

import io.shortlink.events.LinkCreated;
import io.shortlink.query.replay.ProjectionGeneration;
import io.shortlink.query.replay.ReplayableProjection;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * A replay of the redirect view that, while {@link #armed}, meets a poison event: its handler fails on the third
 * link creation, after writing the first two into the new generation. Unarmed it is the plain redirect-view replay.
 */
@Configuration
class PoisonedReplay {

    static final String NAME = "redirect-view-poisoned";
    static volatile boolean armed;

    @Bean
    ReplayableProjection poisonedRedirectView(@Qualifier("redirectViewReplay") ReplayableProjection redirectView) {
        return new ReplayableProjection() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public String processingGroup() {
                return redirectView.processingGroup();
            }

            @Override
            public List<String> topics() {
                return redirectView.topics();
            }

            @Override
            public ProjectionGeneration newGeneration() {
                ProjectionGeneration generation = redirectView.newGeneration();
                return new ProjectionGeneration() {
                    @Override
                    public Object eventHandler() {
                        return armed ? new PoisonedHandler(generation.eventHandler()) : generation.eventHandler();
                    }

                    @Override
                    public List<String> differencesFromLive(int limit) {
                        return generation.differencesFromLive(limit);
                    }

                    @Override
                    public void makeLive() {
                        generation.makeLive();
                    }

                    @Override
                    public void dropReplaced() {
                        generation.dropReplaced();
                    }

                    @Override
                    public void discard() {
                        generation.discard();
                    }
                };
            }
        };
    }

    static class PoisonedHandler {

        private final AnnotationEventHandlerAdapter real;
        private int creations;

        PoisonedHandler(Object real) {
            this.real = new AnnotationEventHandlerAdapter(real);
        }

        @EventHandler
        void on(Object payload, EventMessage<?> message) throws Exception {
            if (payload instanceof LinkCreated created && ++creations > 2) {
                throw new IllegalStateException("poison event " + created.code());
            }
            real.handle(message);
        }
    }
}
