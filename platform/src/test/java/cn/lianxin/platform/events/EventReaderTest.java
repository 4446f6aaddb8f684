package cn.lianxin.platform.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.lianxin.contracts.CloudEventHeaders;

/** A record the reader refuses is described without a word of its payload: the message reaches the log. */
class EventReaderTest {

    static final String PHONE = "13800000001";
    final EventReader reader = new EventReader(new ObjectMapper().findAndRegisterModules());

    @Test
    void aPayloadThatIsNotJsonIsRefusedNamingWhereNotWhat() {
        ConsumerRecord<String, String> record = record("{\"name\": \"张三\", \"phone\": " + PHONE + "x}");

        assertThatThrownBy(() -> reader.read(record)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("line 1, column").hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PHONE).doesNotContain("张三"));
    }

    @Test
    void aPayloadThatDoesNotFitTheConsumersViewIsRefusedNamingTheFieldNotItsValue() {
        IncomingEvent event = reader.read(record("{\"memberId\": \"" + PHONE + "\"}"));

        assertThatThrownBy(() -> reader.payload(event, View.class)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("memberId").hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PHONE));
    }

    record View(UUID memberId) {
    }

    static ConsumerRecord<String, String> record(String value) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("member.events", 0, 42L, "key", value);
        record.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.TYPE, "lianxin.member.MemberRegistered.v1".getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.SOURCE, "/member-service".getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.SUBJECT, "key".getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.TIME, "2026-11-29T08:00:00Z".getBytes(UTF_8));
        return record;
    }
}
