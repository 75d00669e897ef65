package io.rastro.bench;

import io.rastro.export.CountingOutputStream;
import io.rastro.export.ExportColumn;
import io.rastro.export.ExportContext;
import io.rastro.export.ExportLocale;
import io.rastro.export.Progress;
import io.rastro.export.job.ExportQueries;
import io.rastro.export.xlsx.XlsxExportWriter;
import io.rastro.report.Enums.MessageSort;
import io.rastro.report.MessageFilterInput;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 9-xlsx. The two XLSX writers on the same rows: the service's own {@code XlsxExportWriter} and the same file
 * written with fastexcel ({@link FastexcelXlsxWriter}), each reading the export's own statement (one account-month
 * of Acme, default columns, at one cutoff) from the engine and writing into a sink that counts the bytes. No job,
 * no file and no download: what differs between the two is the writer alone. Before timing, both write one day and
 * the two files are read back with POI and compared cell by cell. Then the writers take turns, each first in turn,
 * up to three runs each while the runs fit in 60 s, and the median run is reported; then one more run of each, not
 * timed, with a full collection every 200 ms, for the live heap.
 */
final class XlsxWritersWorkload implements Workload {

    private static final Duration REPEAT_BUDGET = Duration.ofSeconds(60);
    private static final int MAX_RUNS = 3;

    @Override
    public String id() {
        return "9-xlsx";
    }

    @Override
    public String title() {
        return "XLSX writers on the same rows: Rastro's own and fastexcel (one account-month, no job or download)";
    }

    @FunctionalInterface
    private interface Writer {
        long write(ExportContext context, OutputStream out) throws IOException;
    }

    @Override
    public WorkloadResult run(BenchContext ctx) throws Exception {
        var d = ctx.dataset();
        var cutoff = Instant.now();
        var own = (Writer) (context, out) -> new XlsxExportWriter().write(context, out);
        var fast = (Writer) FastexcelXlsxWriter::write;
        var oneDay = context(ctx, Filters.of(Filters.period(d.from(1), d.end())), cutoff);
        var same = compare(ctx, oneDay, own, fast);
        var month = Filters.of(Filters.period(d.from(30), d.end()));
        var names = List.of("own", "fastexcel");
        var writers = List.of(own, fast);
        var runs = new LinkedHashMap<String, List<Map<String, Object>>>();
        names.forEach(n -> runs.put(n, new ArrayList<>()));
        var budgetEnds = System.nanoTime() + REPEAT_BUDGET.toNanos();
        for (int round = 0; round < MAX_RUNS && (round == 0 || System.nanoTime() < budgetEnds); round++) {
            for (int k = 0; k < writers.size(); k++) {
                // each writer goes first in turn, so a noisy neighbour or a warm cache favours neither
                var w = (k + round) % writers.size();
                runs.get(names.get(w)).add(timed(writers.get(w), context(ctx, month, cutoff)));
            }
        }
        var figures = new LinkedHashMap<String, Object>();
        var notes = new ArrayList<String>();
        for (int w = 0; w < writers.size(); w++) {
            var list = runs.get(names.get(w));
            list.sort(java.util.Comparator.comparingDouble(r -> (double) r.get("seconds")));
            var median = new LinkedHashMap<>(list.get(list.size() / 2));
            median.put("runs", list.size());
            median.put("rowsPerSecondEachRun", list.stream().map(r -> r.get("rowsPerSecond")).toList());
            var writer = writers.get(w);
            var heap = SampledLiveHeap.peak(() -> writer.write(context(ctx, month, cutoff), counting()), Duration.ofMillis(200));
            median.put("peakSampledLiveHeapBytes", heap);
            figures.put(names.get(w), median);
            notes.add("%s %,d rows in %.1f s = %,d rows/s (%s), %.1f MB, live heap peak %d MiB".formatted(names.get(w),
                    (long) median.get("rows"), (double) median.get("seconds"), (long) median.get("rowsPerSecond"),
                    list.stream().map(r -> "%,d".formatted((long) r.get("rowsPerSecond")))
                            .collect(java.util.stream.Collectors.joining(", ")),
                    (long) median.get("bytes") / 1e6, heap >> 20));
        }
        var ratio = (double) ((Map<?, ?>) figures.get("fastexcel")).get("seconds")
                / (double) ((Map<?, ?>) figures.get("own")).get("seconds");
        figures.put("fastexcelOverOwnSeconds", Stats.round(ratio));
        figures.put("oneDayCellsCompared", same);
        notes.add("fastexcel takes %.2fx the own writer's time".formatted(ratio));
        ctx.log("    " + String.join("; ", notes));
        return new WorkloadResult(id(), title(), null, null, figures, String.join("; ", notes), null);
    }

    private static ExportContext context(BenchContext ctx, MessageFilterInput input, Instant cutoff) {
        var filter = ctx.validator().validate(input, ctx.scope(), "filter");
        var columns = ExportColumn.defaults(null);
        var zone = ZoneId.of("America/Sao_Paulo");
        var sql = ctx.exportQueries().rows(filter, ctx.scope(), MessageSort.NEWEST_FIRST, cutoff, columns,
                ExportQueries.Cells.VALUES, null, ctx.subaccountNames(), zone);
        var heading = new ExportContext.Heading("Acme", "", zone.getId(), "", 0, "", "", List.of(), null, null);
        return new ExportContext(ctx.store(), sql, List.of(sql), columns, ExportLocale.EN, zone, false, heading,
                Progress.none(),
                new ExportContext.Snapshot(cutoff, cutoff));
    }

    private static CountingOutputStream counting() {
        return new CountingOutputStream(OutputStream.nullOutputStream(), Progress.none());
    }

    private static Map<String, Object> timed(Writer writer, ExportContext context) throws IOException {
        var bytes = new long[1];
        var counted = new OutputStream() {
            @Override
            public void write(int b) {
                bytes[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes[0] += len;
            }
        };
        var started = System.nanoTime();
        var rows = writer.write(context, counted);
        var seconds = (System.nanoTime() - started) / 1e9;
        var result = new LinkedHashMap<String, Object>();
        result.put("rows", rows);
        result.put("bytes", bytes[0]);
        result.put("seconds", Stats.round(seconds));
        result.put("rowsPerSecond", Math.round(rows / seconds));
        return result;
    }

    /** Both writers' files of the same rows, read back: the same sheets, rows and cell values. Returns the cells. */
    private static long compare(BenchContext ctx, ExportContext oneDay, Writer own, Writer fast) throws IOException {
        var a = new ByteArrayOutputStream();
        own.write(oneDay, a);
        var b = new ByteArrayOutputStream();
        fast.write(new ExportContext(oneDay.store(), oneDay.sql(), oneDay.slices(), oneDay.columns(), oneDay.locale(),
                oneDay.zone(), false, oneDay.heading(), Progress.none(),
                oneDay.snapshot()), b);
        long cells = 0;
        try (var x = new XSSFWorkbook(new ByteArrayInputStream(a.toByteArray()));
             var y = new XSSFWorkbook(new ByteArrayInputStream(b.toByteArray()))) {
            if (x.getNumberOfSheets() != y.getNumberOfSheets()) {
                throw new IllegalStateException("sheets differ: " + x.getNumberOfSheets() + " / " + y.getNumberOfSheets());
            }
            var format = new org.apache.poi.ss.usermodel.DataFormatter();
            for (int s = 0; s < x.getNumberOfSheets(); s++) {
                var sx = x.getSheetAt(s);
                var sy = y.getSheetAt(s);
                if (sx.getLastRowNum() != sy.getLastRowNum()) {
                    throw new IllegalStateException("rows differ: " + sx.getLastRowNum() + " / " + sy.getLastRowNum());
                }
                for (int r = 0; r <= sx.getLastRowNum(); r++) {
                    for (int c = 0; c < oneDay.columns().size(); c++) {
                        var cx = sx.getRow(r).getCell(c);
                        var cy = sy.getRow(r).getCell(c);
                        var vx = cx == null ? "" : format.formatCellValue(cx);
                        var vy = cy == null ? "" : format.formatCellValue(cy);
                        if (!vx.equals(vy)) {
                            throw new IllegalStateException("row %d column %d: own '%s', fastexcel '%s'".formatted(r, c, vx, vy));
                        }
                        cells++;
                    }
                }
            }
            if (y.getSheetAt(0).getCTWorksheet().getAutoFilter() == null || y.getSheetAt(0).getPaneInformation() == null) {
                throw new IllegalStateException("the fastexcel file has no autofilter or no frozen pane");
            }
        }
        ctx.log("    9-xlsx: the two files of one day agree on %,d cells".formatted(cells));
        return cells;
    }
}
