package cn.lianxin.notification.channel;

import cn.lianxin.notification.domain.ErrorCode;

/** A channel did not take the message; {@code retryable} says whether trying again later may help. */
public class DeliveryException extends Exception {

    private final ErrorCode code;
    private final boolean retryable;

    public DeliveryException(ErrorCode code, boolean retryable, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
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
}
