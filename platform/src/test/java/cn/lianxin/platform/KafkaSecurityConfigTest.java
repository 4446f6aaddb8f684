package cn.lianxin.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The Kafka client settings of platform's microprofile-config.properties, resolved as the services resolve them: the
 * default is PLAINTEXT with no TLS or SASL setting at all, and the profiles kafka-scram and kafka-mtls (added to prod
 * by the production overlay) turn on TLS with their credentials, each of which is required.
 */
class KafkaSecurityConfigTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"lianxin-member-service\" password=\"s3cret\";";

    @Test
    void byDefaultTheClientsSpeakPlaintextAndCarryNoTlsOrSaslSetting() throws IOException {
        Map<String, String> kafka = kafkaClientSettings(config(List.of("prod"), Map.of()));

        assertThat(kafka).containsEntry("security.protocol", "PLAINTEXT")
                .doesNotContainKeys("sasl.mechanism", "sasl.jaas.config", "ssl.truststore.location",
                        "ssl.truststore.password", "ssl.keystore.location", "ssl.keystore.password");
    }

    @Test
    void theProtocolAloneCanBeSetFromTheEnvironment() throws IOException {
        Map<String, String> kafka = kafkaClientSettings(config(List.of("prod"), Map.of("KAFKA_SECURITY_PROTOCOL", "SSL")));

        assertThat(kafka).containsEntry("security.protocol", "SSL");
    }

    @Test
    void kafkaScramIsSaslScramSha512OverTls() throws IOException {
        Map<String, String> kafka = kafkaClientSettings(config(List.of("prod", "kafka-scram"), Map.of(
                "KAFKA_SASL_JAAS_CONFIG", JAAS,
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/deployments/kafka-ca/ca.p12",
                "KAFKA_SSL_TRUSTSTORE_PASSWORD", "ca-password")));

        assertThat(kafka).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("ssl.truststore.location", "/deployments/kafka-ca/ca.p12")
                .containsEntry("ssl.truststore.password", "ca-password")
                .doesNotContainKeys("ssl.keystore.location", "ssl.keystore.password");
    }

    @Test
    void kafkaMtlsIsTlsWithAClientCertificate() throws IOException {
        Map<String, String> kafka = kafkaClientSettings(config(List.of("prod", "kafka-mtls"), Map.of(
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/deployments/kafka-ca/ca.p12",
                "KAFKA_SSL_TRUSTSTORE_PASSWORD", "ca-password",
                "KAFKA_SSL_KEYSTORE_LOCATION", "/deployments/kafka-user/user.p12",
                "KAFKA_SSL_KEYSTORE_PASSWORD", "user-password")));

        assertThat(kafka).containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.keystore.type", "PKCS12")
                .containsEntry("ssl.keystore.location", "/deployments/kafka-user/user.p12")
                .containsEntry("ssl.keystore.password", "user-password")
                .containsEntry("ssl.truststore.location", "/deployments/kafka-ca/ca.p12")
                .doesNotContainKeys("sasl.jaas.config");
    }

    @Test
    void aProfileWithoutItsCredentialsFailsInsteadOfConnectingWithout() throws IOException {
        SmallRyeConfig config = config(List.of("prod", "kafka-scram"), Map.of(
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/deployments/kafka-ca/ca.p12",
                "KAFKA_SSL_TRUSTSTORE_PASSWORD", "ca-password"));

        assertThatThrownBy(() -> kafkaClientSettings(config))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("KAFKA_SASL_JAAS_CONFIG");
    }

    private static SmallRyeConfig config(List<String> profiles, Map<String, String> environment) throws IOException {
        URL defaults = KafkaSecurityConfigTest.class.getResource("/META-INF/microprofile-config.properties");
        assertThat(defaults).as("platform's microprofile-config.properties on the classpath").isNotNull();
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withProfiles(profiles)
                .withSources(new PropertiesConfigSource(defaults, 100))
                .withSources(new PropertiesConfigSource(withBootstrap(environment), "environment", 300))
                .build();
    }

    /** KAFKA_BOOTSTRAP_SERVERS is required everywhere; these tests are about the rest. */
    private static Map<String, String> withBootstrap(Map<String, String> environment) {
        Map<String, String> all = new TreeMap<>(environment);
        all.put("KAFKA_BOOTSTRAP_SERVERS", "kafka:9093");
        return all;
    }

    /** What Quarkus hands every Kafka client: each kafka.* property, without the prefix (KafkaRuntimeConfigProducer). */
    private static Map<String, String> kafkaClientSettings(SmallRyeConfig config) {
        Map<String, String> settings = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka.")) {
                settings.put(name.substring("kafka.".length()), config.getValue(name, String.class));
            }
        }
        return settings;
    }
}
