package dev.jefevm.linuxuser;

import dev.jefevm.core.cpu.jit.JitOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * What one run of a program produced: its status and its standard output and error as text. The
 * program runs on the interpreter, or with {@code -D}{@value #BACKEND}{@code =jit} (the pom's
 * linux-user-on-jit execution) on the JIT, compiling on the calling thread once a block has run
 * {@value #THRESHOLD} times (default 1: every block).
 */
record RunResult(int status, String out, String err) {

    /** System property: interp (default) or jit. */
    static final String BACKEND = "linuxuser.backend";
    /** System property: the JIT's compile threshold for these runs. */
    static final String THRESHOLD = "linuxuser.jit.threshold";

    static RunResult run(Path program, List<String> argv, String stdin) throws LinuxUserException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        boolean jit = System.getProperty(BACKEND, "interp").equals("jit");
        LinuxUser user = LinuxUser.builder(program).args(argv).memory(256L << 20)
                .stdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))).stdout(out).stderr(err)
                .jit(jit ? new JitOptions(Integer.getInteger(THRESHOLD, 1), JitOptions.DEFAULT_CODE_CACHE_BYTES, false) : null).build();
        int status = user.run();
        if (jit && (user.jitStats() == null || user.jitStats().unitsCompiled() == 0)) {
            throw new AssertionError("the JIT compiled nothing for " + program); // else the JIT run tests the interpreter
        }
        return new RunResult(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
