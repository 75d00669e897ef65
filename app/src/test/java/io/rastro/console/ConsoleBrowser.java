package io.rastro.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Real headless Chromium for the console's tests: Debian's {@code chromium} driven by Playwright for Java, which is
 * told never to download a browser of its own (this machine reaches no browser download site). Outside CI a
 * machine without Chromium skips these tests; in CI ({@code CI=true}) a missing browser fails them, since
 * {@code .ci/run} installs it.
 *
 * <p>Every context it opens blocks any request to a host other than this machine's loopback and records it, and
 * records the page's console errors (a Content-Security-Policy violation is one), so that a test can assert the
 * pages load nothing from another origin.
 */
final class ConsoleBrowser implements AutoCloseable {

    /** Where screenshots go (under target/, kept by the build for a person to look at). */
    static final Path SHOTS = Path.of("target", "console-screenshots");

    private final Playwright playwright;
    private final Browser browser;
    final List<String> blocked = Collections.synchronizedList(new ArrayList<>());
    final List<String> consoleErrors = Collections.synchronizedList(new ArrayList<>());

    private ConsoleBrowser(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    static ConsoleBrowser launch() {
        var chromium = findChromium();
        if (chromium.isEmpty()) {
            var message = "No Chromium on this machine (install Debian's chromium: apt-get install -y chromium)";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(message + "; CI must run the console's browser tests.");
            }
            Assumptions.abort(message);
        }
        var playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        var browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium.get()).setHeadless(true)
                // Root in a container needs --no-sandbox; the rest keep Chromium from calling home at start.
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
        return new ConsoleBrowser(playwright, browser);
    }

    private static Optional<Path> findChromium() {
        var configured = System.getenv("CHROMIUM");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return Optional.of(Path.of(configured));
        }
        for (var dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (var name : List.of("chromium", "chromium-browser")) {
                var candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** A fresh browser profile (no cookies) at a laptop's size, in a language. */
    Page newPage(String locale) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(1280, 800).setLocale(locale).setTimezoneId("America/Sao_Paulo")
                .setAcceptDownloads(true));
        context.setDefaultTimeout(30_000);
        context.route("**/*", route -> {
            var host = URI.create(route.request().url()).getHost();
            if ("localhost".equals(host) || "127.0.0.1".equals(host)) {
                route.resume();
            } else {
                blocked.add(route.request().url());
                route.abort();
            }
        });
        var page = context.newPage();
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type()) && !m.text().contains("status of 401")) {
                consoleErrors.add(m.text());
            }
        });
        page.onPageError(e -> consoleErrors.add("page error: " + e));
        return page;
    }

    static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(SHOTS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
