package io.rastro.graphql;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a {@code /graphql} body larger than {@code rastro.graphql.max-body-size} with 413 and a JSON body, before
 * anything parses it (a 50 MB body was accepted and parsed). A declared length over the limit is refused unread; a
 * body of unknown length (chunked) is read up to one byte past the limit, so at most that much is held.
 */
public final class GraphQlBodyLimit extends OncePerRequestFilter {

    private final long limit;

    public GraphQlBodyLimit(long limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(response);
            return;
        }
        if (declared >= 0) {
            chain.doFilter(request, response); // the container reads no more than the declared length
            return;
        }
        var body = new ByteArrayOutputStream();
        var buffer = new byte[8192];
        try (var in = request.getInputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                body.write(buffer, 0, n);
                if (body.size() > limit) {
                    refuse(response);
                    return;
                }
            }
        }
        chain.doFilter(new ReadBody(request, body.toByteArray()), response);
    }

    private void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(("{\"error\":\"LIMIT_EXCEEDED\",\"message\":\"The request body is larger than "
                + limit + " bytes, the most /graphql takes. Send smaller documents, or pass large values as several "
                + "requests.\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** The request with its body already read into memory (at most the limit). */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    getCharacterEncoding() == null ? StandardCharsets.UTF_8
                            : java.nio.charset.Charset.forName(getCharacterEncoding())));
        }
    }
}
