package cn.lianxin.platform.events;

/**
 * An event left unapplied because the service is stopping. It is neither dead-lettered nor acknowledged: its offset is
 * not committed, so the next start (or the instance that takes over the partition) receives it again.
 */
public class ConsumptionStopped extends RuntimeException {

    public ConsumptionStopped(String eventId, Throwable failure) {
        super("event " + eventId + " left for redelivery: the service is stopping", failure);
    }

    /** Whether this failure, or one of its causes, is a {@code ConsumptionStopped}. */
    public static boolean in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConsumptionStopped) {
                return true;
            }
        }
        return false;
    }
}
