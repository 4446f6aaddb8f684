package cn.lianxin.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.properties.IfBuildProperty;

/**
 * ContactIngestBenchmark's baseline: the same JSON body over HTTP in the same JVM, stored by one plain INSERT — no
 * token, no validation, no clocks, no outbox. Exists only in that benchmark's test profile (the build property
 * {@value #SWITCH}), so the service's contract tests never see it, and is hidden from the OpenAPI document anyway.
 */
@Path("/bench/plain-contacts")
@IfBuildProperty(name = PlainContactResource.SWITCH, stringValue = "true")
public class PlainContactResource {

    static final String SWITCH = "lianxin.benchmark.plain-contacts";
    static final String TABLE = "bench_plain_contact";

    private final AgroalDataSource dataSource;

    public PlainContactResource(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
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
}
