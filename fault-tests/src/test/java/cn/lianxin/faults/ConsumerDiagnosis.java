package cn.lianxin.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What a scenario says when a consumer falls behind, so that a failure in CI explains itself: per consumer group its
 * state, its members and the partitions each holds, its lag per partition of the topic; the service's health (a
 * channel whose stream failed reports it there); and the lines of the service's log about its Kafka consumers
 * (SmallRye's {@code SRMSG} messages, errors, retried events). The logs hold no personal data (docs/operations.md).
 */
final class ConsumerDiagnosis {

    private static final int LOG_LINES = 25;

    private ConsumerDiagnosis() {
    }

    /** @param groups consumer groups, each named as the module that consumes (e.g. {@code case-service}) */
    static String of(FaultySystem system, String topic, Set<String> groups) {
        StringBuilder text = new StringBuilder();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.broker.bootstrapServers()))) {
            Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all().get(20, TimeUnit.SECONDS);
            for (String group : groups) {
                ConsumerGroupDescription description = described.get(group);
                text.append("\n-- group ").append(group).append(": ").append(description.groupState()).append(", members ")
                        .append(description.members().stream()
                                .map(m -> m.clientId() + "=" + m.assignment().topicPartitions().stream()
                                        .filter(tp -> tp.topic().equals(topic)).map(TopicPartition::partition).sorted().toList())
                                .collect(Collectors.joining(", ")));
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(20, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> ends = committed.keySet().stream().filter(tp -> tp.topic().equals(topic))
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResultInfo> latest = admin.listOffsets(ends).all().get(20, TimeUnit.SECONDS);
                Map<Integer, String> lag = new TreeMap<>();
                latest.forEach((tp, end) -> lag.put(tp.partition(), committed.get(tp).offset() + "/" + end.offset()));
                text.append("\n   committed/end offsets of ").append(topic).append(" by partition: ").append(lag);
            }
        } catch (Exception e) {
            text.append("\n-- consumer groups not described: ").append(e);
        }
        for (String group : groups) {
            text.append("\n-- ").append(group).append(" health: ").append(health(system.managementUrl(group)));
            text.append("\n-- ").append(group).append(" log, last consumer lines:");
            consumerLines(system.log(group)).forEach(line -> text.append("\n   ").append(line));
        }
        return text.toString();
    }

    private static String health(String managementUrl) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl + "/q/health")).timeout(Duration.ofSeconds(10))
                    .build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body().replaceAll("\\s+", " ");
        } catch (Exception e) {
            return "not reached: " + e;
        }
    }

    private static List<String> consumerLines(Path log) {
        try (var lines = Files.lines(log)) {
            List<String> matching = lines.filter(line -> line.contains("SRMSG") || line.contains(" ERROR ")
                    || line.contains("not applied") || line.startsWith("Caused by"))
                    .map(line -> line.length() > 400 ? line.substring(0, 400) + " …" : line).toList();
            return matching.subList(Math.max(0, matching.size() - LOG_LINES), matching.size());
        } catch (Exception e) {
            return List.of("log not read: " + e);
        }
    }
}
