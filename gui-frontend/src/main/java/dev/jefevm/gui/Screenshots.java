package dev.jefevm.gui;

import dev.jefevm.devices.framebuffer.Framebuffer;
import dev.jefevm.devices.framebuffer.FramebufferGeometry;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import javax.imageio.ImageIO;

/**
 * Saves the framebuffer as a PNG named after the local time ({@code jefevm-20260101-120000.png},
 * with a counter if that name is taken) in a folder, the current directory for the window. The
 * pixels are read as they are at that moment (a row the guest is drawing may tear).
 */
final class Screenshots {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path folder;

    Screenshots(Path folder) {
        this.folder = folder;
    }

    /** A free file name for a screenshot taken at {@code time}. */
    Path fileFor(LocalDateTime time) {
        String stem = "jefevm-" + STAMP.format(time);
        Path file = folder.resolve(stem + ".png");
        for (int n = 2; Files.exists(file); n++) {
            file = folder.resolve(stem + "-" + n + ".png");
        }
        return file;
    }

    /** Writes the framebuffer as it is now; returns the file written. */
    Path save(Framebuffer framebuffer, LocalDateTime time) throws IOException {
        FramebufferGeometry g = framebuffer.geometry();
        BufferedImage image = new BufferedImage(g.width(), g.height(), BufferedImage.TYPE_INT_RGB);
        int[] row = new int[g.width()];
        for (int y = 0; y < g.height(); y++) {
            framebuffer.copyRow(y, row);
            image.setRGB(0, y, g.width(), 1, row, 0, g.width());
        }
        Path file = fileFor(time);
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        return file.toAbsolutePath();
    }
}
