package io.rastro.export;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Reports bytes on their way to the file to {@link Progress}, which may stop a cancelled export here. */
public final class CountingOutputStream extends FilterOutputStream {

    private final Progress progress;

    public CountingOutputStream(OutputStream out, Progress progress) {
        super(out);
        this.progress = progress;
    }

    @Override
    public void write(int b) throws IOException {
        progress.bytes(1);
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        progress.bytes(len);
        out.write(b, off, len);
    }
}
