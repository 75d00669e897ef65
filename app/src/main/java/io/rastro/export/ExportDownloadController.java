package io.rastro.export;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Downloads of finished exports. Returning the file as a {@link Resource} lets Spring MVC answer {@code Range}
 * requests (206 with Content-Range, so an interrupted BI download resumes) and set Content-Length.
 */
@RestController
public class ExportDownloadController {

    private final ExportService exports;

    public ExportDownloadController(ExportService exports) {
        this.exports = exports;
    }

    @GetMapping("/api/v1/exports/{id}/file")
    public ResponseEntity<Resource> file(@PathVariable String id) {
        var download = exports.download(id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(download.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(download.fileName()).build().toString())
                .body(new FileSystemResource(download.path()));
    }
}
