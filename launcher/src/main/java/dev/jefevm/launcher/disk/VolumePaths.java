package dev.jefevm.launcher.disk;

/**
 * Paths inside the NTFS volume as the user types them: "/" separated, a leading "/" optional
 * (the volume root is the starting point either way), a trailing "/" ignored.
 */
final class VolumePaths {

    private VolumePaths() {
    }

    static String absolute(String path) {
        String p = path.replace('\\', '/');
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** {@code dir/name} without doubling the root's slash. */
    static String child(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    /** The last component of an absolute path. */
    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
