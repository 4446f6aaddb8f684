package cn.lianxin.notification.delivery;

/** Addresses leave this service only masked: 138****0001, z***@example.org, w***1. */
public final class Masking {

    private Masking() {
    }

    public static String mask(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        int at = address.indexOf('@');
        if (at > 0) {
            return address.charAt(0) + "***" + address.substring(at);
        }
        if (address.matches("\\+?[0-9-]{7,}")) {
            return address.substring(0, 3) + "****" + address.substring(address.length() - 4);
        }
        return address.charAt(0) + "***" + (address.length() > 2 ? address.substring(address.length() - 1) : "");
    }
}
