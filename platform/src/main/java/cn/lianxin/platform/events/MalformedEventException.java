package cn.lianxin.platform.events;

/** A Kafka record that is not a valid Lianxin CloudEvent; the consumer sends it to the dead-letter topic. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
