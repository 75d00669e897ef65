package io.rastro.export.job;

import io.rastro.RastroProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where export files live: {@code <rastro.export.dir>/<account>/<job id>.<ext>}. A job writes to a hidden
 * {@code .part} name beside it and renames it into place only when complete, so a file under the final name is
 * always whole. Paths are built from the job's stored account and generated id only, never from request text.
 */
@Component
public class ExportFiles {

    private static final Logger log = LoggerFactory.getLogger(ExportFiles.class);
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_-]");
    static final String PARTIAL_SUFFIX = ".part";

    private final Path dir;

    public ExportFiles(RastroProperties properties) {
        this.dir = properties.export().dir().toAbsolutePath();
    }

    public Path dir() {
        return dir;
    }

    /** The finished file. */
    public Path done(ExportJob job) {
        return accountDir(job.accountId()).resolve(job.id() + "." + job.request().format().extension);
    }

    /** The file while it is being written. */
    public Path partial(ExportJob job) {
        return accountDir(job.accountId()).resolve("." + job.id() + "." + job.request().format().extension + PARTIAL_SUFFIX);
    }

    /** A fresh, empty place for the partial file. */
    public Path preparePartial(ExportJob job) throws IOException {
        var partial = partial(job);
        Files.createDirectories(partial.getParent());
        Files.deleteIfExists(partial);
        return partial;
    }

    /** Publishes a complete partial file under its final name in one step. */
    void publish(Path partial, Path done) throws IOException {
        try {
            Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so this only happens on exotic file systems; a plain rename is still one step there.
            Files.move(partial, done, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a file if it is there; a failure is logged (the cleaner or the next start tries again). */
    void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete export file {}: {}", file, e.getMessage());
        }
    }

    /** Deletes partial files left by a process that stopped mid-export, except those of {@code activeJobIds}. */
    int deleteStrayPartials(Set<String> activeJobIds) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        var deleted = 0;
        try (var accounts = Files.list(dir)) {
            for (var account : accounts.filter(Files::isDirectory).toList()) {
                try (var files = Files.list(account)) {
                    for (var file : files.toList()) {
                        var name = file.getFileName().toString();
                        if (name.endsWith(PARTIAL_SUFFIX) && activeJobIds.stream().noneMatch(id -> name.startsWith("." + id + "."))) {
                            deleteQuietly(file);
                            deleted++;
                        }
                    }
                }
            }
        } catch (IOException e) {
            log.warn("Could not scan {} for partial export files: {}", dir, e.getMessage());
        }
        return deleted;
    }

    /**
     * The name a download is saved under: {@code rastro-<account>-<first day>_<last day>.<ext>}, days in the
     * export's zone (the period's end is exclusive, so its last day is the day before an end at midnight).
     */
    public static String downloadName(ExportJob job) {
        var zone = ZoneId.of(job.request().timeZone());
        var first = job.request().periodFrom().atZone(zone).toLocalDate();
        var last = job.request().periodTo().minusMillis(1).atZone(zone).toLocalDate();
        return "rastro-" + UNSAFE.matcher(job.accountId()).replaceAll("_") + "-" + first + "_" + last + "."
                + job.request().format().extension;
    }

    private Path accountDir(String accountId) {
        return dir.resolve(UNSAFE.matcher(accountId).replaceAll("_"));
    }
}
