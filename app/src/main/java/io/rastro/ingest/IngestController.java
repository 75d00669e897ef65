package io.rastro.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rastro.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/events}: newline-delimited JSON events (application/x-ndjson, or application/json with the
 * same one-event-per-line body). 200 when every event is stored, 400 listing the rejected lines when any line is
 * invalid (then nothing is stored), 413 when the batch is too large, 415 for other content types.
 */
@RestController
public class IngestController {

    private static final Logger log = LoggerFactory.getLogger(IngestController.class);
    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    private final IngestService ingest;

    public IngestController(IngestService ingest) {
        this.ingest = ingest;
    }

    /**
     * The response body of a batch.
     *
     * @param accepted      events stored (0 when the batch was rejected)
     * @param rejected      the rejected lines, by line number; at most the first 1000
     * @param rejectedTotal how many lines were rejected in all
     * @param message       what to do next, when the batch was rejected
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IngestResponse(long accepted, List<Rejection> rejected, long rejectedTotal, String message) {
    }

    @PostMapping(path = "/api/v1/events", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> post(@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                  InputStream body) {
        if (!acceptable(contentType)) {
            return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                    "Send events as application/x-ndjson (or application/json): one JSON event per line.");
        }
        try {
            return switch (ingest.ingest(body)) {
                case IngestOutcome.Accepted a -> ResponseEntity.ok(new IngestResponse(a.events(), List.of(), 0, null));
                case IngestOutcome.Rejected r -> ResponseEntity.badRequest().body(new IngestResponse(0,
                        r.rejections(), r.total(), r.total() + " line(s) rejected; nothing was written. Fix or remove "
                        + "them and send the whole batch again."
                        + (r.total() > r.rejections().size() ? " Only the first " + r.rejections().size()
                        + " are listed." : "")));
                case IngestOutcome.TooLarge t -> error(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", t.message());
            };
        } catch (StoreException | UncheckedIOException e) {
            // the engine, or the disk holding the spill files: either way a retry of the whole batch is safe
            log.error("Ingestion failed: {}", e.getMessage());
            return error(HttpStatus.SERVICE_UNAVAILABLE, "ENGINE_UNAVAILABLE", "The batch could not be stored; "
                    + "part of it may be stored but not yet applied. Send the same batch again: events are idempotent.");
        }
    }

    private static boolean acceptable(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            var type = MediaType.parseMediaType(contentType);
            return NDJSON.equalsTypeAndSubtype(type) || MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", code, "message", message));
    }
}
