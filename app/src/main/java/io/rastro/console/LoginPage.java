package io.rastro.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in page at GET /login (Spring Security's form login takes the POST). Rendered here rather than built
 * by Vite because it must carry the session's CSRF token in the form, so that it works before any script runs;
 * its look and its words in Spanish and Portuguese come from {@code /login.css} and {@code /login.js} (web/public),
 * both same-origin, as the Content-Security-Policy requires.
 */
@Controller
public class LoginPage {

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    public String page(HttpServletRequest request, CsrfToken csrf) {
        var notice = request.getParameter("error") != null ? "error" : request.getParameter("logout") != null ? "logout" : "";
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Sign in · Rastro</title>
                  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
                  <link rel="stylesheet" href="/login.css">
                  <script src="/login.js" defer></script>
                </head>
                <body>
                  <main class="card">
                    <h1><span class="logo" aria-hidden="true"></span>Rastro</h1>
                    <p class="lead" data-t="lead">What happened to every WhatsApp message.</p>
                    <p class="notice %s" role="alert" data-t="%s">%s</p>
                    <form method="post" action="/login">
                      <label for="username" data-t="username">E-mail</label>
                      <input id="username" name="username" type="email" autocomplete="username" required autofocus>
                      <label for="password" data-t="password">Password</label>
                      <input id="password" name="password" type="password" autocomplete="current-password" required>
                      <input type="hidden" name="%s" value="%s">
                      <button type="submit" data-t="submit">Sign in</button>
                    </form>
                  </main>
                </body>
                </html>
                """.formatted(notice.isEmpty() ? "hidden" : notice, notice, switch (notice) {
                    case "error" -> "Wrong e-mail or password.";
                    case "logout" -> "You have signed out.";
                    default -> "";
                }, HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()));
    }
}
