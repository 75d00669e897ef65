package io.rastro.export;

import io.rastro.domain.ContentType;
import io.rastro.domain.ConversationType;
import io.rastro.domain.Direction;
import io.rastro.domain.MessageStatus;
import org.junit.jupiter.api.Test;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The words of exports live in three bundles: each names every column, status, direction, content and
 * conversation type in its own language (no key falls back to English unseen), and the words are the ones read.
 */
class ExportWordsTest {

    private static Properties bundle(String suffix) throws Exception {
        var properties = new Properties();
        try (var in = ExportWordsTest.class.getResourceAsStream("/i18n/export" + suffix + ".properties")) {
            assertThat(in).as("bundle %s", suffix).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void everyBundleHasTheSameKeysAndEveryValueAWord() throws Exception {
        var english = bundle("");
        var expected = new ArrayList<String>();
        for (var c : ExportColumn.values()) {
            expected.add("column." + c.name());
        }
        for (var s : MessageStatus.values()) {
            expected.add("status." + s.name());
        }
        for (var d : Direction.values()) {
            expected.add("direction." + d.name());
        }
        for (var t : ContentType.values()) {
            expected.add("contentType." + t.name());
        }
        for (var t : ConversationType.values()) {
            expected.add("conversationType." + t.name());
        }
        for (var code : ExportWords.ERROR_CODES) {
            expected.add("error." + code);
        }
        expected.add("bool.true");
        expected.add("bool.false");
        assertThat(english.stringPropertyNames()).containsAll(expected);
        for (var suffix : new String[] {"_es", "_pt"}) {
            var other = bundle(suffix);
            assertThat(other.stringPropertyNames()).as(suffix).isEqualTo(english.stringPropertyNames());
            for (var key : other.stringPropertyNames()) {
                assertThat(other.getProperty(key)).as("%s %s", suffix, key).isNotBlank();
            }
        }
    }

    @Test
    void wordsAreReadInTheExportsLanguage() {
        var es = ExportWords.of(ExportLocale.ES);
        var pt = ExportWords.of(ExportLocale.PT);
        var en = ExportWords.of(ExportLocale.EN);
        assertThat(ExportColumn.CONTENT_TYPE.header(ExportLocale.ES)).isEqualTo("Tipo de contenido");
        assertThat(ExportColumn.CONTENT_TYPE.header(ExportLocale.PT)).isEqualTo("Tipo de conteúdo");
        assertThat(ExportColumn.CONTENT_TYPE.header(ExportLocale.EN)).isEqualTo("Content type");
        assertThat(es.value(ExportColumn.STATUS, "DELIVERED")).isEqualTo("Entregado");
        assertThat(pt.value(ExportColumn.STATUS, "FAILED")).isEqualTo("Falhou");
        assertThat(en.value(ExportColumn.SENT_WITH_SESSION, "true")).isEqualTo("Yes");
        assertThat(es.value(ExportColumn.SENT_WITH_SESSION, "false")).isEqualTo("No");
        // a code the bundles do not know, and a free text, stay as they are
        assertThat(es.value(ExportColumn.STATUS, "NOT_A_STATUS")).isEqualTo("NOT_A_STATUS");
        assertThat(es.value(ExportColumn.STATUS, "DELETED")).isEqualTo("Eliminado");
        assertThat(es.value(ExportColumn.TEXT, "READ")).isEqualTo("READ");
        // a direction's own header where there is one, else the column's
        assertThat(es.header(ExportColumn.AT, Direction.MT)).isEqualTo("Fecha de envío");
        assertThat(es.header(ExportColumn.AT, null)).isEqualTo("Fecha/hora");
        assertThat(es.header(ExportColumn.STATUS, Direction.MT)).isEqualTo("Estado");
        assertThat(es.errorTitles()).hasSize(ExportWords.ERROR_CODES.size()).containsEntry(131026, "Mensaje no entregable");
        // no pattern is applied to a word without arguments: its apostrophe stays
        assertThat(en.errorTitles().get(130472)).isEqualTo("User's number is part of an experiment");
        // numbers in patterns are grouped as readers of the language group them
        assertThat(es.get("report.messages", 4098)).isEqualTo("4.098 mensajes");
        assertThat(en.get("report.messages", 4098)).isEqualTo("4,098 messages");
        assertThat(pt.get("report.page", 3)).isEqualTo("Página 3 de");
    }
}
