package io.rastro.export;

import java.util.Locale;

/**
 * The few words of a PDF's title block and footer, per locale.
 *
 * @param numbers how numbers are grouped for readers of the locale
 */
public record Labels(Locale numbers, String title, String period, String filters, String none, String generated,
              String timeZone, String page, String of, String noRows, String truncated) {

    public static Labels of(ExportLocale locale) {
        return switch (locale) {
            case EN -> new Labels(Locale.ENGLISH, "Message report", "Period", "Filters", "none", "Generated",
                    "Time zone", "Page", "of", "No messages match this filter.",
                    "This PDF holds the first %,d of %,d matching rows (a PDF holds at most %,d). "
                            + "Export to CSV, XLSX or Parquet for all rows.");
            case ES -> new Labels(Locale.forLanguageTag("es"), "Informe de mensajes", "Período", "Filtros", "ninguno",
                    "Generado", "Zona horaria", "Página", "de", "Ningún mensaje coincide con este filtro.",
                    "Este PDF contiene las primeras %,d de %,d filas (un PDF contiene como máximo %,d). "
                            + "Exporte a CSV, XLSX o Parquet para obtener todas las filas.");
            case PT -> new Labels(Locale.forLanguageTag("pt-BR"), "Relatório de mensagens", "Período", "Filtros",
                    "nenhum", "Gerado em", "Fuso horário", "Página", "de",
                    "Nenhuma mensagem corresponde a este filtro.",
                    "Este PDF contém as primeiras %,d de %,d linhas (um PDF contém no máximo %,d). "
                            + "Exporte para CSV, XLSX ou Parquet para ter todas as linhas.");
        };
    }

    /** The cap notice for a document that holds {@code cap} of {@code matched} rows. */
    public String truncation(long cap, long matched) {
        return String.format(numbers, truncated, cap, matched, cap);
    }
}
