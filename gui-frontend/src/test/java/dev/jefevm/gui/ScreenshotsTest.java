package dev.jefevm.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.devices.framebuffer.Framebuffer;
import dev.jefevm.devices.framebuffer.FramebufferGeometry;
import java.awt.image.BufferedImage;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScreenshotsTest {

    private static final LocalDateTime NOON = LocalDateTime.of(2026, 1, 2, 12, 0, 5);

    @TempDir
    Path folder;

    @Test
    void fileFor_namesTheFileAfterTheTime() {
        assertEquals(folder.resolve("jefevm-20260102-120005.png"), new Screenshots(folder).fileFor(NOON));
    }

    @Test
    void fileFor_takenName_getsACounter() throws Exception {
        Files.createFile(folder.resolve("jefevm-20260102-120005.png"));

        assertEquals(folder.resolve("jefevm-20260102-120005-2.png"), new Screenshots(folder).fileFor(NOON));
    }

    @Test
    void save_writesThePixelsAsPng() throws Exception {
        Framebuffer fb = new Framebuffer(FramebufferGeometry.xrgb8888(4, 3));
        fb.memory().set(ValueLayout.JAVA_INT_UNALIGNED, 2 * 16 + 4, 0xFF000080);

        Path file = new Screenshots(folder).save(fb, NOON);
        BufferedImage image = ImageIO.read(file.toFile());

        assertEquals(4, image.getWidth());
        assertEquals(0x000080, image.getRGB(1, 2) & 0xFFFFFF);
        assertEquals(0, image.getRGB(0, 0) & 0xFFFFFF);
    }
}
