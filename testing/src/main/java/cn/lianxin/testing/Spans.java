package cn.lianxin.testing;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * Keeps the spans of a {@code @QuarkusTest}'s service in memory instead of sending them to a collector: with a
 * {@code SpanExporter} bean, Quarkus installs no OTLP exporter (platform's configuration samples every trace in tests).
 * A test injects the {@link InMemorySpanExporter} and reads the finished spans; they reach it in batches, within
 * {@code quarkus.otel.bsp.schedule.delay}, so a test awaits them.
 */
@Singleton
public class Spans {

    @Produces
    @Singleton
    InMemorySpanExporter inMemorySpanExporter() {
        return InMemorySpanExporter.create();
    }
}
