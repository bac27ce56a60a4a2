package dev.jefevm.conformance.programs;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Where this module's build folder and sources are, derived from the location of the compiled
 * test classes ({@code <module>/<build folder>/test-classes}) so that parallel builds with
 * different {@code -Djefevm.buildDir} values keep their compiled programs apart.
 */
final class TestBuildPaths {

    private TestBuildPaths() {
    }

    /** The build folder of this module, e.g. {@code conformance/target}. */
    static Path buildDirectory() {
        try {
            Path testClasses = Path.of(TestBuildPaths.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return testClasses.getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("test classes have no file location", e);
        }
    }

    /** The module's own directory (the parent of its build folder). */
    static Path moduleDirectory() {
        return buildDirectory().getParent();
    }
}
