package dev.boxccg.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** Reads the server's log file, all of it or what was written after a {@linkplain #mark() mark}. */
public final class ServerLog {

    private final Path file;

    public ServerLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** @return the log's current length: pass it to {@link #readFrom(long)} to read what is written after now */
    public long mark() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the whole log; fails if there is none (a wrong path must not make a scan pass) */
    public String readAll() {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No server log at " + file + " (" + ItServer.LOG + ")");
        }
        return readFrom(0);
    }

    /** @return what was written from {@code offset} on, decoded as UTF-8 (malformed bytes replaced) */
    public String readFrom(long offset) {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long length = channel.size();
            long start = offset <= length ? offset : 0; // the log was rotated: read the new file whole
            ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, length - start));
            channel.position(start);
            while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
                // keep reading
            }
            bytes.flip();
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(bytes).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the server log " + file, e);
        }
    }

    /**
     * Waits until what was written from {@code offset} on satisfies {@code condition} (servers may log a failure a
     * little after reporting it), at most {@code timeout}.
     *
     * @return what was written from {@code offset} on, whether or not the condition was met
     */
    public String awaitFrom(long offset, Predicate<String> condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        String text = readFrom(offset);
        while (!condition.test(text) && System.nanoTime() < end) {
            Thread.sleep(100);
            text = readFrom(offset);
        }
        return text;
    }

    /** @return the lines of {@code text} that contain {@code part} */
    public static List<String> linesContaining(String text, String part) {
        return text.lines().filter(line -> line.contains(part)).toList();
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
