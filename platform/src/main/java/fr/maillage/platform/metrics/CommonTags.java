package fr.maillage.platform.metrics;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Every meter of a service carries {@code application} (its {@code quarkus.application.name}), so the dashboard and the
 * alerts tell the services apart whatever labels the Prometheus scrape adds. The meters of Maillage itself are named
 * {@code maillage.*} (Prometheus: {@code maillage_*}), their tags have few values and never carry personal data
 * (deploy/k8s/monitoring/README.md lists them).
 */
@Singleton
public class CommonTags {
    @Produces
    @Singleton
    MeterFilter application(@ConfigProperty(name = "quarkus.application.name", defaultValue = "maillage") String name) {
        return MeterFilter.commonTags(java.util.List.of(Tag.of("application", name)));
    }
}
