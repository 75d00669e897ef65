package io.rastro.bench;

import io.rastro.store.Store;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The facts a reader needs to compare two result files: what ran where. */
final class Machine {

    private Machine() {
    }

    static Map<String, Object> facts(Store store) {
        var out = new LinkedHashMap<String, Object>();
        var os = ManagementFactory.getOperatingSystemMXBean();
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("cpu", cpuModel());
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            out.put("memoryBytes", sun.getTotalMemorySize());
        }
        out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        out.put("jdk", System.getProperty("java.vm.name") + " " + Runtime.version());
        out.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        var info = store.info();
        out.put("engine", info.kind() + ": " + info.version());
        out.put("loadAverageAtStart", Stats.round(os.getSystemLoadAverage()));
        out.put("revision", revision());
        out.put("commit", git("rev-parse", "HEAD"));
        out.put("cleanTree", cleanTree());
        return out;
    }

    /**
     * Whether the working tree holds exactly the commit: no modified, staged or untracked file (ignored ones, such
     * as bench/data and target, do not count). Null when git cannot say.
     */
    static Boolean cleanTree() {
        var status = git("status", "--porcelain");
        return "unknown".equals(status) ? null : status.isEmpty();
    }

    private static String git(String... args) {
        try {
            var command = new java.util.ArrayList<String>();
            command.add("git");
            command.addAll(java.util.List.of(args));
            var git = new ProcessBuilder(command).redirectErrorStream(true).start();
            var out = new String(git.getInputStream().readAllBytes()).strip();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** The commit the harness and the service were built from, so a result file can be traced to its code. */
    private static String revision() {
        try {
            var git = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
            var out = new String(git.getInputStream().readAllBytes()).strip();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }

    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
        } catch (Exception e) {
            return "unknown";
        }
    }
}
