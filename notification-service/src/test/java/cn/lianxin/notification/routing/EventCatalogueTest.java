package cn.lianxin.notification.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import cn.lianxin.contracts.EventSchemas;
import cn.lianxin.contracts.EventType;

/** docs/domain.md §5: every event type of the catalogue is routed to people or declared informational, never neither. */
class EventCatalogueTest {

    private static Set<String> catalogue() {
        Set<String> names = new TreeSet<>();
        EventSchemas.load().knownTypes().forEach(type -> names.add(EventType.parse(type).name()));
        return names;
    }

    @Test
    void everyEventOfTheCatalogueIsRoutedOrInformational() {
        Set<String> neither = new TreeSet<>(catalogue());
        neither.removeAll(Router.ROUTED);
        neither.removeAll(Router.INFORMATIONAL);
        assertThat(neither).as("event types neither routed nor declared informational").isEmpty();
        assertThat(catalogue()).hasSize(35).contains("FollowUpRecorded", "CaseDetailsChanged");
    }

    @Test
    void noEventIsBothRoutedAndInformationalAndNoneIsInventedHere() {
        Set<String> both = new TreeSet<>(Router.ROUTED);
        both.retainAll(Router.INFORMATIONAL);
        assertThat(both).isEmpty();
        assertThat(catalogue()).containsAll(Router.ROUTED).containsAll(Router.INFORMATIONAL);
    }
}
