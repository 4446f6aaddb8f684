package cn.lianxin.contracts;

import java.util.Set;

/**
 * How a consumer reads {@code error.code} of {@code NotificationFailed} (schemas/notification/NotificationFailed.v1.json):
 * which codes say that the address itself was refused — a number or e-mail that no longer reaches anyone — as opposed
 * to a gateway fault, a timeout, a template error or no address at all. One reading for every consumer: member-service
 * flags the failing contact detail on it (contact-data health), tracking-service counts it in the loss-risk score.
 */
public final class DeliveryErrors {

    /** The codes that say the address was refused. */
    public static final Set<String> ADDRESS_REFUSED = Set.of("INVALID_ADDRESS", "REJECTED");

    private DeliveryErrors() {
    }

    /** Whether a failed delivery's error code says its address was refused; false for no code. */
    public static boolean addressRefused(String errorCode) {
        return errorCode != null && ADDRESS_REFUSED.contains(errorCode);
    }
}
