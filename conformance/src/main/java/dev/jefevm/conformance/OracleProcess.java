package dev.jefevm.conformance;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A client of the native oracle ({@code src/main/c/oracle.c}): one long-lived process that runs
 * case after case on the host CPU and answers with the final state or the exception. The wire
 * format is described at the top of the C file. Not thread-safe: one per test class.
 */
public final class OracleProcess implements AutoCloseable {

    private static final int MAGIC = 0x4553_4143; // "CASE"
    private static final int RESPONSE_HEADER = 4 + 4 + 8 + 8 + 16 * 8 + 8 + 8 + FxImage.SIZE + 4;

    private final Process process;
    private final OutputStream toOracle;
    private final DataInputStream fromOracle;

    private OracleProcess(Process process) {
        this.process = process;
        this.toOracle = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        this.fromOracle = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
    }

    /** Starts the oracle binary at {@code binary}. */
    public static OracleProcess start(Path binary) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(binary.toString()).redirectError(ProcessBuilder.Redirect.INHERIT);
        return new OracleProcess(pb.start());
    }

    /**
     * Where the build put the oracle (system property {@code jefevm.oracle.binary}), or why it is
     * not there: the build script leaves a {@code .unavailable} file with the reason.
     */
    public static Availability locate() {
        return locate(System.getProperty("jefevm.oracle.binary"));
    }

    /** As {@link #locate()} for the binary path {@code property} (null: not configured). */
    static Availability locate(String property) {
        if (property == null) {
            return new Availability(null, "system property jefevm.oracle.binary is not set (run through Maven)");
        }
        Path binary = Path.of(property);
        if (Files.isExecutable(binary)) {
            return new Availability(binary, "");
        }
        Path reason = Path.of(property + ".unavailable");
        try {
            if (Files.exists(reason)) {
                return new Availability(null, "native oracle not built: "
                        + Files.readString(reason, StandardCharsets.UTF_8).strip().lines().findFirst().orElse("?"));
            }
        } catch (IOException e) {
            return new Availability(null, "native oracle not built: " + e.getMessage());
        }
        return new Availability(null, "native oracle not found at " + binary);
    }

    /** The oracle binary, or null and the reason it is missing. */
    public record Availability(Path binary, String reason) {
        public boolean available() {
            return binary != null;
        }
    }

    /** Runs {@code c} on the host CPU. */
    public CaseResult run(CpuCase c) throws IOException {
        ByteBuffer req = ByteBuffer.allocate(8 + c.code().length + 16 * 8 + 8 + FxImage.SIZE + 12
                + patchBytes(c)).order(ByteOrder.LITTLE_ENDIAN);
        req.putInt(MAGIC).putInt(c.code().length).put(c.code());
        for (long r : c.gpr()) {
            req.putLong(r);
        }
        req.putLong(c.rflags()).put(FxImage.encode(c.mxcsr(), c.xmm(), c.x87()));
        req.putLong(c.dataSeed()).putInt(c.patches().size());
        for (CpuCase.Patch p : c.patches()) {
            req.putInt(p.offset()).putInt(p.bytes().length).put(p.bytes());
        }
        toOracle.write(req.array());
        toOracle.flush();

        ByteBuffer h = ByteBuffer.wrap(readFully(fromOracle, RESPONSE_HEADER)).order(ByteOrder.LITTLE_ENDIAN);
        int status = h.getInt(0);
        int vector = h.getInt(4);
        long error = h.getLong(8);
        long cr2 = h.getLong(16);
        long[] gpr = new long[16];
        for (int i = 0; i < 16; i++) {
            gpr[i] = h.getLong(24 + 8 * i);
        }
        long rip = h.getLong(152);
        long rflags = h.getLong(160);
        ByteBuffer fx = h.slice(168, FxImage.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        int changed = h.getInt(168 + FxImage.SIZE);
        ByteBuffer d = ByteBuffer.wrap(readFully(fromOracle, changed * 5)).order(ByteOrder.LITTLE_ENDIAN);
        int[] offsets = new int[changed];
        byte[] values = new byte[changed];
        for (int i = 0; i < changed; i++) {
            offsets[i] = d.getInt(5 * i);
            values[i] = d.get(5 * i + 4);
        }
        CaseResult.Outcome outcome = switch (status) {
            case 0 -> CaseResult.Outcome.COMPLETED;
            case 1 -> CaseResult.Outcome.EXCEPTION;
            case 2 -> CaseResult.Outcome.TIMEOUT;
            default -> CaseResult.Outcome.NOT_COMPARABLE;
        };
        String detail = switch (status) {
            case 2 -> "host timeout after 0.5 s";
            case 3 -> "oracle rejected the request (patch outside the data area)";
            default -> "";
        };
        return new CaseResult(outcome, vector, error, cr2, gpr, rip, rflags, FxImage.mxcsr(fx), FxImage.xmm(fx),
                FxImage.x87(fx), offsets, values, detail);
    }

    private static int patchBytes(CpuCase c) {
        int n = 0;
        for (CpuCase.Patch p : c.patches()) {
            n += 8 + p.bytes().length;
        }
        return n;
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new IOException("native oracle ended early (its stderr is in the test log)");
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        toOracle.close();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
