package cn.lianxin.bare;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * What a service's start sets up, once each: a read by primary key behind a token (StartupBenchmark's load reads
 * {@code /api/v1/notes/{id}} as it reads the services), a batch consumer, a producer and a scheduled job.
 */
@Path("/api/v1/notes")
public class NoteResource {

    private final Emitter<String> out;

    public NoteResource(@Channel("bare-out") Emitter<String> out) {
        this.out = out;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("ADMIN")
    public String read(@PathParam("id") UUID id) {
        Note note = Note.findById(id);
        if (note == null) {
            throw new NotFoundException();
        }
        return note.text;
    }

    @Incoming("bare-in")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return batch.ack();
    }

    @Scheduled(every = "1h", delayed = "1h")
    void hourly() {
        out.send("tick");
    }
}
