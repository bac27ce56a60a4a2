package dev.jefevm.launcher;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Entry point of the {@code jefevm} command line. Wires picocli so that every failure the user
 * can cause (a bad option, a missing file, a malformed kernel) ends as one line on stderr,
 * {@code jefevm: ...}, with exit status 2, and an internal error as one line with status 70;
 * stack traces go to the debug log only.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
        } catch (Error e) {
            // picocli hands Errors (out of memory, a linkage problem) through; still one line, no trace.
            LOG.debug("internal error", e);
            System.err.println("jefevm: internal error: " + firstLine(String.valueOf(e)));
            status = ExitStatus.INTERNAL_ERROR;
        }
        System.exit(status);
    }

    /** The configured command line writing help/version to {@code out} and errors to {@code err}. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new JefeVmCommand());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("jefevm: " + firstLine(ex.getMessage()));
            ex.getCommandLine().getErr().flush();
            return ExitStatus.USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            if (ex instanceof UsageException) {
                e.println("jefevm: " + firstLine(ex.getMessage()));
                e.flush();
                return ExitStatus.USAGE;
            }
            LOG.debug("internal error", ex);
            e.println("jefevm: internal error: " + firstLine(String.valueOf(ex)) + " (run with -vv for details)");
            e.flush();
            return ExitStatus.INTERNAL_ERROR;
        });
        return cmd;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
