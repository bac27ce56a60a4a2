package dev.jefevm.gui;

import static org.lwjgl.opengl.GL11.*;
import static org.lwjgl.opengl.GL12.GL_BGRA;
import static org.lwjgl.opengl.GL12.GL_CLAMP_TO_EDGE;

import dev.jefevm.devices.framebuffer.FramebufferGeometry;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * The framebuffer as an OpenGL texture, drawn as one quad into a {@link Viewport}. The guest's
 * x8r8g8b8 pixels are little-endian B, G, R, X bytes in memory, which GL takes as GL_BGRA bytes
 * into an RGB texture (the X byte is ignored), so rows go up without conversion; only the spans
 * {@link DirtyRows} found changed are uploaded (glTexSubImage2D straight from the shadow copy).
 * Uses the OpenGL 1.2 fixed-function pipeline that every driver (Mesa's llvmpipe included) has.
 * Call only on the thread that owns the GL context.
 */
final class FramebufferTexture {

    private final FramebufferGeometry geometry;
    private final DirtyRows dirty;
    private final int texture;
    private int filter = GL_NEAREST;

    FramebufferTexture(FramebufferGeometry geometry, DirtyRows dirty) {
        this.geometry = geometry;
        this.dirty = dirty;
        texture = glGenTextures();
        glBindTexture(GL_TEXTURE_2D, texture);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        // rows in the shadow are pitch bytes apart, which may exceed width x 4
        glPixelStorei(GL_UNPACK_ROW_LENGTH, geometry.pitch() / 4);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB8, geometry.width(), geometry.height(), 0, GL_BGRA,
                GL_UNSIGNED_BYTE, (ByteBuffer) null);
        dirty.invalidate();
    }

    /** Uploads the rows that changed since the last call; returns whether any did. */
    boolean update() {
        int spans = dirty.scan();
        if (spans == 0) {
            return false;
        }
        glBindTexture(GL_TEXTURE_2D, texture);
        MemorySegment shadow = dirty.shadow();
        long pitch = geometry.pitch();
        for (int i = 0; i < spans; i++) {
            int from = dirty.spanStart(i);
            int to = dirty.spanEnd(i);
            nglTexSubImage2D(GL_TEXTURE_2D, 0, 0, from, geometry.width(), to - from, GL_BGRA, GL_UNSIGNED_BYTE,
                    shadow.address() + from * pitch);
        }
        return true;
    }

    /** Clears the drawable to black and draws the picture into {@code viewport}. */
    void draw(int drawableWidth, int drawableHeight, Viewport viewport) {
        glViewport(0, 0, drawableWidth, drawableHeight);
        glClearColor(0, 0, 0, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        if (viewport.width() == 0 || viewport.height() == 0) {
            return;
        }
        // nearest keeps whole-number scales (1:1 above all) pixel-exact; other scales look better linear
        int wanted = ScaleMode.isWholeScale(viewport, geometry.width(), geometry.height()) ? GL_NEAREST : GL_LINEAR;
        glBindTexture(GL_TEXTURE_2D, texture);
        if (wanted != filter) {
            filter = wanted;
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
        }
        glViewport(viewport.x(), viewport.glY(drawableHeight), viewport.width(), viewport.height());
        glEnable(GL_TEXTURE_2D);
        // texture row 0 is the top scanline; GL's y axis points up
        glBegin(GL_QUADS);
        glTexCoord2f(0, 1);
        glVertex2f(-1, -1);
        glTexCoord2f(1, 1);
        glVertex2f(1, -1);
        glTexCoord2f(1, 0);
        glVertex2f(1, 1);
        glTexCoord2f(0, 0);
        glVertex2f(-1, 1);
        glEnd();
    }

    void dispose() {
        glDeleteTextures(texture);
    }
}
