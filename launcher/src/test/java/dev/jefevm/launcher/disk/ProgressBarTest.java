package dev.jefevm.launcher.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void progress_drawsOneBarPerPercentStep_andFinishEndsTheLine() {
        StringWriter text = new StringWriter();
        ProgressBar bar = ProgressBar.drawing(new PrintWriter(text), "get x");

        bar.progress(0, 10 << 20);
        bar.progress(1, 10 << 20);
        bar.progress(5 << 20, 10 << 20);
        bar.finish();

        String[] frames = text.toString().split("\r");
        assertEquals(3, frames.length, text.toString());
        assertEquals("get x [###############...............]  50%  5.0/10.0 MiB\n", frames[2]);
    }

    @Test
    void smallCopies_drawNothing() {
        StringWriter text = new StringWriter();
        ProgressBar bar = ProgressBar.forCopy(new PrintWriter(text), "put y", ProgressBar.THRESHOLD - 1);

        bar.progress(100, ProgressBar.THRESHOLD - 1);
        bar.finish();

        assertTrue(text.toString().isEmpty(), text.toString());
    }
}
