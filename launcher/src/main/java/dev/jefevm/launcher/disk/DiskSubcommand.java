package dev.jefevm.launcher.disk;

import dev.jefevm.disk.DiskImageException;
import dev.jefevm.launcher.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every {@code jefevm disk} subcommand shares: its output streams, and turning a failure
 * the user can act on (a missing file, a corrupt image, no NTFS volume, a path not found) into
 * one line {@code jefevm: IMAGE: ...} (or naming the host file at fault) with exit status 1. Usage mistakes are {@link UsageException}s
 * and exit 2 like the rest of the command line.
 */
abstract class DiskSubcommand implements Callable<Integer> {

    /** Exit status of a disk command that could not do its job. */
    static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @ParentCommand
    DiskCommand parent;

    @Override
    public final Integer call() throws UsageException {
        try {
            return run();
        } catch (DiskImageException e) {
            // Image-format messages name the file already; NTFS and partition ones do not.
            String message = String.valueOf(e.getMessage());
            return fail(message.startsWith(image() + ":") ? message : image() + ": " + message);
        } catch (NoSuchFileException e) {
            return fail(e.getFile() + ": no such file");
        } catch (AccessDeniedException e) {
            return fail(e.getFile() + ": permission denied");
        } catch (FileAlreadyExistsException e) {
            return fail(e.getFile() + ": file already exists");
        } catch (FileSystemException e) {
            return fail(e.getFile() + ": " + e.getReason());
        } catch (IOException e) {
            return fail(String.valueOf(e.getMessage()));
        }
    }

    /** The command's work; returns its exit status. */
    abstract int run() throws IOException, UsageException;

    /** The image file the command works on. */
    abstract Path image();

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Reports a failed operation as one line on stderr; returns the status to exit with. */
    int fail(String message) {
        int nl = message.indexOf('\n');
        err().println("jefevm: " + (nl < 0 ? message : message.substring(0, nl)).strip());
        err().flush();
        return FAILED;
    }
}
