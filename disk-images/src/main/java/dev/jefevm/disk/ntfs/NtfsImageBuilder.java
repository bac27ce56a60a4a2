package dev.jefevm.disk.ntfs;

import dev.jefevm.disk.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies a host folder into an NTFS volume: its sub-folders become directories and its regular
 * files are written with their contents, recursively, in name order so that images built from
 * the same folder have the same layout. Symbolic links and special files are skipped.
 */
public final class NtfsImageBuilder {

    private NtfsImageBuilder() {
    }

    /** Adds everything inside {@code hostFolder} to the root of {@code volume}. */
    public static void addTree(NtfsVolume volume, Path hostFolder) throws IOException {
        if (!Files.isDirectory(hostFolder)) {
            throw new IOException(hostFolder + ": not a folder");
        }
        addChildren(volume, hostFolder, "/");
    }

    private static void addChildren(NtfsVolume volume, Path folder, String target) throws IOException {
        List<Path> children;
        try (Stream<Path> s = Files.list(folder)) {
            children = new ArrayList<>(s.sorted().toList());
        }
        for (Path child : children) {
            String path = target + child.getFileName();
            if (Files.isSymbolicLink(child)) {
                continue;
            }
            if (Files.isDirectory(child)) {
                volume.mkdir(path);
                addChildren(volume, child, path + "/");
            } else if (Files.isRegularFile(child)) {
                try (InputStream in = Files.newInputStream(child)) {
                    volume.write(path, in, Files.size(child), ProgressListener.NONE);
                }
            }
        }
    }
}
