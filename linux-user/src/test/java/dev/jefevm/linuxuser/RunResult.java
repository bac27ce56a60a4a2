package dev.jefevm.linuxuser;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** What one run of a program produced: its status and its standard output and error as text. */
record RunResult(int status, String out, String err) {

    static RunResult run(Path program, List<String> argv, String stdin) throws LinuxUserException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LinuxUser.builder(program).args(argv).memory(256L << 20)
                .stdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))).stdout(out).stderr(err)
                .build().run();
        return new RunResult(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
