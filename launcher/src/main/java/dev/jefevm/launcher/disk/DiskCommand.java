package dev.jefevm.launcher.disk;

import dev.jefevm.launcher.UsageException;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code jefevm disk}: makes and inspects the NTFS disk images JefeOS uses, raw or qcow2,
 * without booting a VM: create, info, check, and file operations (ls, cat, put, get, rm, mkdir)
 * on the volume inside. Only dispatches to its subcommands.
 */
@Command(name = "disk", description = "Create, inspect and change disk images (raw or qcow2) and the NTFS volume on them.",
        mixinStandardHelpOptions = true,
        subcommands = {DiskCreateCommand.class, DiskInfoCommand.class, DiskCheckCommand.class, DiskLsCommand.class,
            DiskCatCommand.class, DiskPutCommand.class, DiskGetCommand.class, DiskRmCommand.class, DiskMkdirCommand.class},
        footer = {"", "Exit status: 0 done, 1 the operation failed (message on stderr), 2 usage error."})
public final class DiskCommand implements Callable<Integer> {

    private final OutputStream stdout;

    public DiskCommand() {
        this(System.out);
    }

    /** A disk command whose {@code cat} writes file bytes to {@code stdout}. */
    public DiskCommand(OutputStream stdout) {
        this.stdout = stdout;
    }

    OutputStream stdout() {
        return stdout;
    }

    @Override
    public Integer call() throws UsageException {
        throw new UsageException("missing disk command (try 'jefevm disk --help')");
    }
}
