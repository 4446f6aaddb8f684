package cn.lianxin.notification.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import cn.lianxin.contracts.EventSchemas;
import cn.lianxin.contracts.EventType;

/**
 * docs/domain.md §5: every event type of the catalogue is routed to people or declared informational, never neither.
 * The catalogue here is what travels on the four contexts' topics ({@code <context>.events}); the departments' lookup
 * topics ({@code lookup.requests}, {@code lookup.answers}) are outside routing: nobody in this service reads them.
 */
class EventCatalogueTest {

    private static final Set<String> CONTEXT_TOPICS = Set.copyOf(EventType.CONTEXTS.stream().map(c -> c + ".events").toList());

    private static Set<String> names(Predicate<EventType> which) {
        Set<String> names = new TreeSet<>();
        EventSchemas.load().knownTypes().stream().map(EventType::parse).filter(which).forEach(type -> names.add(type.name()));
        return names;
    }

    private static Set<String> catalogue() {
        return names(type -> CONTEXT_TOPICS.contains(type.topic()));
    }

    @Test
    void everyEventOfTheCatalogueIsRoutedOrInformational() {
        Set<String> neither = new TreeSet<>(catalogue());
        neither.removeAll(Router.ROUTED);
        neither.removeAll(Router.INFORMATIONAL);
        assertThat(neither).as("event types neither routed nor declared informational").isEmpty();
        assertThat(catalogue()).hasSize(50).contains("FollowUpRecorded", "CaseDetailsChanged", "RosterFiled", "TransferIssued",
                "CampaignReminderDue", "LookupApprovalRequested", "AccountabilityReported",
                "ContactVerificationDue", "ContactDetailsConfirmed");
    }

    @Test
    void noEventIsBothRoutedAndInformationalAndNoneIsInventedHere() {
        Set<String> both = new TreeSet<>(Router.ROUTED);
        both.retainAll(Router.INFORMATIONAL);
        assertThat(both).isEmpty();
        assertThat(catalogue()).containsAll(Router.ROUTED).containsAll(Router.INFORMATIONAL);
    }

    @Test
    void theDepartmentsLookupTopicsAreOutsideRoutingAndNoChannelHereReadsThem() throws IOException {
        Set<String> outside = names(type -> !CONTEXT_TOPICS.contains(type.topic()));
        assertThat(outside).containsExactlyInAnyOrder("LookupRequested", "LookupAnswered");
        assertThat(Router.ROUTED).doesNotContainAnyElementsOf(outside);
        assertThat(Router.INFORMATIONAL).doesNotContainAnyElementsOf(outside);

        Properties config = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            config.load(in);
        }
        Set<String> read = new TreeSet<>();
        config.stringPropertyNames().stream().filter(k -> k.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic"))
                .forEach(k -> read.add(config.getProperty(k)));
        assertThat(read).containsExactlyInAnyOrder("member.events", "contact.events", "case.events")
                .doesNotContain("lookup.requests", "lookup.answers");
    }
}
