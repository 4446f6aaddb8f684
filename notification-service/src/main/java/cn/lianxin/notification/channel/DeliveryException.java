package cn.lianxin.notification.channel;

import cn.lianxin.notification.domain.ErrorCode;

/** A channel did not take the message; {@code retryable} says whether trying again later may help. */
public class DeliveryException extends Exception {

    private final ErrorCode code;
    private final boolean retryable;
    private final boolean fallback;

    public DeliveryException(ErrorCode code, boolean retryable, String message, Throwable cause) {
        this(code, retryable, true, message, cause);
    }

    /** {@code fallback} false: no other channel can send this message either, the recipient's chain ends here. */
    public DeliveryException(ErrorCode code, boolean retryable, boolean fallback, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
        this.fallback = fallback;
    }

    public DeliveryException(ErrorCode code, boolean retryable, String message) {
        this(code, retryable, message, null);
    }

    public ErrorCode code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Whether the next channel of the recipient's chain is tried once this one has given up. */
    public boolean fallback() {
        return fallback;
    }
}
