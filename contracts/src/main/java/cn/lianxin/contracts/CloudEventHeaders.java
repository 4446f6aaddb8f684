package cn.lianxin.contracts;

import java.util.List;

/**
 * Kafka header names of the CloudEvents 1.0 binary-mode envelope (docs/domain.md §4, contracts/asyncapi.yaml).
 * Header values are UTF-8 strings.
 */
public final class CloudEventHeaders {

    /** {@code ce_specversion}: always {@link #SPEC_VERSION}. */
    public static final String SPECVERSION = "ce_specversion";
    /** {@code ce_id}: the event id (UUID), the consumers' de-duplication key. */
    public static final String ID = "ce_id";
    /** {@code ce_type}: {@code lianxin.<context>.<Event>.v<n>}, see {@link EventType}. */
    public static final String TYPE = "ce_type";
    /** {@code ce_source}: the producing service, e.g. {@code /member-service}, see {@link EventType#source()}. */
    public static final String SOURCE = "ce_source";
    /** {@code ce_subject}: the member id (the org id for org-level events); always equal to the Kafka key. */
    public static final String SUBJECT = "ce_subject";
    /** {@code ce_time}: when the fact happened, RFC 3339 with offset. */
    public static final String TIME = "ce_time";
    /** {@code content-type}: the CloudEvents datacontenttype in binary mode, always {@link #CONTENT_TYPE_JSON}. */
    public static final String CONTENT_TYPE = "content-type";

    /** The CloudEvents spec version carried in {@link #SPECVERSION}. */
    public static final String SPEC_VERSION = "1.0";
    /** The payload media type carried in {@link #CONTENT_TYPE}. */
    public static final String CONTENT_TYPE_JSON = "application/json";

    /** Every header a Lianxin event record must carry. */
    public static final List<String> REQUIRED = List.of(SPECVERSION, ID, TYPE, SOURCE, SUBJECT, TIME, CONTENT_TYPE);

    private CloudEventHeaders() {
    }
}
