package cn.lianxin.platform.events;

/**
 * An event turned away at the door: it is a well-formed CloudEvent, but not one this service may trust. Its message
 * names the check that failed and where, never a value of the record, so that it is safe in a log line and in the
 * dead-letter record's headers.
 */
public class RejectedEventException extends MalformedEventException {

    private final String check;

    /**
     * @param check  which check failed: {@code type}, {@code source} or {@code schema} (a metric tag: keep it short)
     * @param detail what failed where, without payload values
     */
    public RejectedEventException(String check, String detail) {
        super(check + ": " + detail);
        this.check = check;
    }

    /** Which check failed: {@code type}, {@code source} or {@code schema}. */
    public String check() {
        return check;
    }
}
