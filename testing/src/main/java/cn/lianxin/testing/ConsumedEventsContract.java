package cn.lianxin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import cn.lianxin.platform.events.EventGate;

/**
 * Every event a service handles has a schema on the topic its channel reads (otherwise the door would skip it as
 * unknown), and every incoming channel of its {@code application.properties} is covered. A service's
 * {@code ConsumedEventsTest} extends this with its consumers' handler tables, built without their collaborators.
 */
public abstract class ConsumedEventsContract {

    /** The event types each incoming channel's consumer handles, by channel name. */
    protected abstract Map<String, Set<String>> handledByChannel();

    @Test
    void everyHandledEventHasASchemaOnItsChannelsTopic() throws IOException {
        Map<String, Set<String>> handledByChannel = handledByChannel();
        Properties config = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            config.load(in);
        }
        Set<String> channels = new TreeSet<>();
        config.stringPropertyNames().stream().filter(k -> k.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic"))
                .forEach(k -> channels.add(k.split("\\.")[3]));

        assertThat(handledByChannel.keySet()).as("incoming channels").containsExactlyInAnyOrderElementsOf(channels);
        handledByChannel.forEach((channel, handled) -> {
            String topic = config.getProperty("mp.messaging.incoming." + channel + ".topic");
            assertThat(handled).as("events handled on %s", topic).isNotEmpty();
            assertThat(EventGate.withoutSchema(topic, handled)).as("events handled on %s without a schema", topic).isEmpty();
        });
    }
}
