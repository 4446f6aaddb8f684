package cn.lianxin.platform.time;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.Roles;

/**
 * Moves the service's clock forward, for rehearsals and system tests that play months of a member's life in
 * minutes (contacts may not be recorded in the future, so explicit {@code asOf} alone cannot do it). Off unless
 * {@code lianxin.time-travel.enabled=true}: then ADMIN may move time forward (an instant already passed changes
 * nothing); otherwise 404.
 */
@Path("/api/v1/time")
@Tag(name = "Time", description = "The service's clock (time travel only in rehearsal environments)")
@Produces(MediaType.APPLICATION_JSON)
public class TimeTravelResource {

    /** The clock as seen by the service. */
    public record Now(Instant now, boolean timeTravelEnabled) {
    }

    /** Where to move the clock. */
    public record TravelTo(@NotNull OffsetDateTime now) {
    }

    private final Clock clock;
    private final boolean enabled;

    public TimeTravelResource(Clock clock, @ConfigProperty(name = "lianxin.time-travel.enabled") boolean enabled) {
        this.clock = clock;
        this.enabled = enabled;
    }

    @GET
    @Operation(summary = "The service's current time")
    @RolesAllowed(Roles.ADMIN)
    public Now now() {
        return new Now(clock.instant(), enabled);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move the service's clock forward (rehearsal environments only)")
    @RolesAllowed(Roles.ADMIN)
    public Now travel(@NotNull @Valid TravelTo request) {
        if (!enabled || !(clock instanceof AdjustableClock adjustable)) {
            throw ProblemException.notFound("Time travel", "this environment");
        }
        adjustable.travelTo(request.now().toInstant());
        return now();
    }
}
