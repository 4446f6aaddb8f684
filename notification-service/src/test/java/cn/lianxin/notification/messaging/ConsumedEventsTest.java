package cn.lianxin.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import cn.lianxin.platform.events.EventGate;
import cn.lianxin.notification.recipients.RecipientProjection;
import cn.lianxin.platform.orgs.OrgProjection;

/**
 * Every event this service handles has a schema on the topic its channel reads (otherwise the door would skip it as
 * unknown), and every incoming channel is covered. The consumers are built without their collaborators: only their
 * handler tables are read.
 */
class ConsumedEventsTest {

    @Test
    void everyHandledEventHasASchemaOnItsChannelsTopic() throws IOException {
        Map<String, Set<String>> handledByChannel = Map.of(
                "member-events", new MemberEventsConsumer(null, new OrgProjection(null, null, null),
                        new RecipientProjection(null, null), new NotificationIntake(null, null)).handledEvents(),
                "contact-events", new ContactEventsConsumer(null, new NotificationIntake(null, null)).handledEvents(),
                "case-events", new CaseEventsConsumer(null, new NotificationIntake(null, null), null).handledEvents());
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
