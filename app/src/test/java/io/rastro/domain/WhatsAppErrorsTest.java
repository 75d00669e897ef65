package io.rastro.domain;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class WhatsAppErrorsTest {

    @Test
    void theDocsListEveryClassifiedCodeWithItsClassAndAction() throws IOException {
        var doc = Files.readString(Path.of("..", "docs", "whatsapp-errors.md"));
        var row = Pattern.compile("^\\| (\\d+) \\| ([a-z ]+) \\| (.+) \\|$", Pattern.MULTILINE).matcher(doc);
        var listed = new HashMap<Integer, String>();
        while (row.find()) {
            listed.put(Integer.parseInt(row.group(1)), row.group(2) + "|" + row.group(3));
        }
        assertThat(listed.keySet()).isEqualTo(WhatsAppErrors.table().keySet());
        WhatsAppErrors.table().forEach((code, c) -> assertThat(listed.get(code)).as("code " + code)
                .isEqualTo(c.errorClass().name().toLowerCase().replace("_", " ")
                        + "|" + c.action()));
    }

    @Test
    void theThreeClassesOfTheIssueAndUnknownCodes() {
        assertThat(WhatsAppErrors.classify(131026).errorClass()).isEqualTo(WhatsAppErrors.ErrorClass.PERMANENT);
        assertThat(WhatsAppErrors.classify(131050).errorClass()).isEqualTo(WhatsAppErrors.ErrorClass.PERMANENT);
        assertThat(WhatsAppErrors.classify(131031).errorClass()).isEqualTo(WhatsAppErrors.ErrorClass.PERMANENT);
        for (var code : new int[] {130429, 131048, 131056, 131049}) {
            assertThat(WhatsAppErrors.classify(code).errorClass()).as("" + code).isEqualTo(WhatsAppErrors.ErrorClass.RETRYABLE_LATER);
        }
        for (var code : new int[] {132001, 131042, 368, 131047}) {
            assertThat(WhatsAppErrors.classify(code).errorClass()).as("" + code).isEqualTo(WhatsAppErrors.ErrorClass.FIX_ON_YOUR_SIDE);
        }
        assertThat(WhatsAppErrors.classify(999_999).errorClass()).isEqualTo(WhatsAppErrors.ErrorClass.UNCLASSIFIED);
    }
}
