package cn.lianxin.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class DeliveryErrorsTest {

    private static List<String> schemaCodes() {
        List<String> codes = new ArrayList<>();
        TestResources.json(TestResources.text("contracts/schemas/notification/NotificationFailed.v1.json"))
                .at("/properties/error/properties/code/enum").forEach(code -> codes.add(code.asText()));
        return codes;
    }

    @Test
    void onlyInvalidAddressAndRejectedSayTheAddressWasRefused() {
        List<String> codes = schemaCodes();
        assertThat(codes).containsAll(DeliveryErrors.ADDRESS_REFUSED).contains("GATEWAY_ERROR", "TIMEOUT");
        for (String code : codes) {
            assertThat(DeliveryErrors.addressRefused(code)).as(code)
                    .isEqualTo(code.equals("INVALID_ADDRESS") || code.equals("REJECTED"));
        }
        assertThat(DeliveryErrors.addressRefused(null)).isFalse();
    }
}
