package cn.lianxin.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.properties.IfBuildProperty;

import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.security.Roles;

/**
 * ContactIngestBenchmark's baselines: the same JSON body over HTTP in the same JVM, stored by one plain INSERT — no
 * token, no validation, no clocks, no outbox — and, at {@code /rows}, the write floor: the rows a recorded contact
 * must change, written by bare statements in one transaction. Exists only in that benchmark's test profile (the
 * build property {@value #SWITCH}), so the service's contract tests never see it, and is hidden from the OpenAPI
 * document anyway.
 */
@Path("/bench/plain-contacts")
@IfBuildProperty(name = PlainContactResource.SWITCH, stringValue = "true")
public class PlainContactResource {

    static final String SWITCH = "lianxin.benchmark.plain-contacts";
    static final String TABLE = "bench_plain_contact";

    private final AgroalDataSource dataSource;
    private final Outbox outbox;

    public PlainContactResource(AgroalDataSource dataSource, Outbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response record(Map<String, String> body) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO " + TABLE + " (id, member_id, at, channel, outcome) VALUES (?, ?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setObject(2, UUID.fromString(body.get("memberId")));
            insert.setTimestamp(3, Timestamp.from(OffsetDateTime.parse(body.get("at")).toInstant()));
            insert.setString(4, body.get("channel"));
            insert.setString(5, body.get("outcome"));
            insert.executeUpdate();
        }
        return Response.status(Response.Status.CREATED).entity(Map.of("id", id.toString())).build();
    }

    /**
     * The write floor of a REACHED contact: its row in {@code contact}, the member's last-contact dates, its
     * {@code ContactRecorded} in the outbox and the member's restarted clocks — four bare statements in one transaction,
     * against the service's real tables and indexes, and the event published by the relay once committed, as the
     * service's are; nothing read, checked or planned (the clocks simply restart at the contact, due a month later).
     */
    @POST
    @Path("/rows")
    @PermitAll
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response writeFloor(Map<String, String> body) throws SQLException {
        return writeRows(body);
    }

    /** The write floor behind the service's own token check: what authentication adds to a request. */
    @POST
    @Path("/rows/authenticated")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON })
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response writeFloorAuthenticated(Map<String, String> body) throws SQLException {
        return writeRows(body);
    }

    private Response writeRows(Map<String, String> body) throws SQLException {
        UUID id = UUID.randomUUID();
        UUID member = UUID.fromString(body.get("memberId"));
        Timestamp at = Timestamp.from(OffsetDateTime.parse(body.get("at")).toInstant());
        try (Connection c = dataSource.getConnection();
                PreparedStatement contact = c.prepareStatement("""
                        INSERT INTO contact (contact_id, member_id, org_id, at, channel, outcome, recorded_by, recorded_at)
                        SELECT ?, member_id, org_id, ?, ?, ?, 'bench', now() FROM member WHERE member_id = ?""");
                PreparedStatement noted = c.prepareStatement(
                        "UPDATE member SET last_reached_at = GREATEST(last_reached_at, ?) WHERE member_id = ?");
                PreparedStatement event = c.prepareStatement("""
                        INSERT INTO outbox_event (id, topic, event_key, type, subject, occurred_at, payload)
                        VALUES (?, 'contact.events', ?, 'lianxin.contact.ContactRecorded.v1', ?, now(), CAST(? AS jsonb))""");
                PreparedStatement clocks = c.prepareStatement("""
                        UPDATE clock SET started_at = ?, due_at = CAST(? AS timestamptz) + interval '1 month',
                            next_at = CAST(? AS timestamptz) + interval '1 month'
                        WHERE member_id = ?""")) {
            contact.setObject(1, id);
            contact.setTimestamp(2, at);
            contact.setString(3, body.get("channel"));
            contact.setString(4, body.get("outcome"));
            contact.setObject(5, member);
            contact.executeUpdate();
            noted.setTimestamp(1, at);
            noted.setObject(2, member);
            noted.executeUpdate();
            event.setObject(1, UUID.randomUUID());
            event.setString(2, member.toString());
            event.setString(3, member.toString());
            event.setString(4, "{\"contactId\": \"" + id + "\", \"memberId\": \"" + member + "\", \"at\": \""
                    + body.get("at") + "\", \"channel\": \"" + body.get("channel") + "\", \"outcome\": \""
                    + body.get("outcome") + "\"}");
            event.executeUpdate();
            clocks.setTimestamp(1, at);
            clocks.setTimestamp(2, at);
            clocks.setTimestamp(3, at);
            clocks.setObject(4, member);
            clocks.executeUpdate();
        }
        outbox.wakeRelayAfterCommit();
        return Response.status(Response.Status.CREATED).entity(Map.of("id", id.toString())).build();
    }
}
