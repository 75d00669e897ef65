package io.rastro.web;

import io.rastro.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON bodies for the REST endpoints' failures: {@code {"error": CODE, "message": ..., "field": ...}}. */
@RestControllerAdvice
public class RestErrors {

    private static final Logger log = LoggerFactory.getLogger(RestErrors.class);

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<Map<String, Object>> handle(ApiException e) {
        var body = new LinkedHashMap<String, Object>();
        body.put("error", e.kind().name());
        body.put("message", e.getMessage());
        if (e.field() != null) {
            body.put("field", e.field());
        }
        return ResponseEntity.status(e.kind().status).body(body);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<Map<String, Object>> handle(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "BAD_REQUEST", "message", "The request body could not be read."));
    }

    @ExceptionHandler(StoreException.class)
    public ResponseEntity<Map<String, Object>> handle(StoreException e) {
        log.error("Engine failure: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("error", "ENGINE_UNAVAILABLE", "message", "The engine failed; nothing was written. Retry later."));
    }
}
