package dev.jefevm.loader.limine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The contents of a test kernel's data segment: Limine request structs, a base revision tag and
 * request delimiters laid out 8-byte aligned, as a kernel's {@code .limine_requests} section is.
 * Each adder returns the byte offset of what it placed.
 */
final class RequestImage {

    private final ByteBuffer buffer = ByteBuffer.allocate(8192).order(ByteOrder.LITTLE_ENDIAN);

    int startMarker() {
        return words(0xf6b8f4b39de7d1aeL, 0xfab91a6940fcb9cfL, 0x785c6ed015d3e316L, 0x181e920a7852b9d9L);
    }

    int endMarker() {
        return words(0xadc0e0531bb10d03L, 0x9572709f31764c62L);
    }

    int baseRevision(long revision) {
        return words(0xf9562b2d5c95a6c8L, 0x6a7b384944536bdcL, revision);
    }

    /** A request for {@code feature} with the given request revision and feature fields. */
    int request(Feature feature, long revision, long... fields) {
        return request(feature.id2, feature.id3, revision, fields);
    }

    int request(long id2, long id3, long revision, long... fields) {
        int at = words(0xc7b1dd30df4c8b88L, 0x0a82e883a194f07bL, id2, id3, revision, 0);
        words(fields);
        return at;
    }

    /** Some unrelated data between structs. */
    int padding(int count) {
        return words(new long[count]);
    }

    byte[] bytes() {
        byte[] out = new byte[buffer.position()];
        buffer.get(0, out);
        return out;
    }

    private int words(long... values) {
        int at = buffer.position();
        for (long v : values) {
            buffer.putLong(v);
        }
        return at;
    }
}
