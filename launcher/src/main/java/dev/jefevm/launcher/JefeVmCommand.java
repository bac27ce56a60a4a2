package dev.jefevm.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The top-level {@code jefevm} command: only dispatches to its subcommands. */
@Command(name = "jefevm", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "JefeVM: a full-system x86_64 virtual machine that runs JefeOS.",
        subcommands = {RunCommand.class, UserCommand.class, dev.jefevm.launcher.disk.DiskCommand.class})
final class JefeVmCommand implements Callable<Integer> {

    @Override
    public Integer call() throws UsageException {
        throw new UsageException("missing command (try 'jefevm run' or 'jefevm --help')");
    }
}
