package dev.jefevm.gui;

import static org.lwjgl.glfw.GLFW.*;
import static org.lwjgl.glfw.Callbacks.glfwFreeCallbacks;
import static org.lwjgl.system.MemoryUtil.NULL;

import dev.jefevm.devices.framebuffer.Framebuffer;
import dev.jefevm.devices.framebuffer.FramebufferGeometry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lwjgl.glfw.GLFWErrorCallback;
import org.lwjgl.glfw.GLFWVidMode;
import org.lwjgl.opengl.GL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop window: a GLFW window with an OpenGL context, run on a thread of its own ("the
 * window thread", which alone makes GLFW and GL calls). Each display refresh it compares the
 * guest framebuffer with what it last showed, uploads the changed rows and redraws, scaled by
 * whole numbers or to fit the window; swaps wait for vsync, and where there is none (Xvfb) the
 * loop sleeps out the rest of the frame. It reads the framebuffer's memory directly, tolerating a
 * torn row, rather than asking the vCPU thread for snapshots that would cost the guest time each
 * frame; keyboard and mouse go to the machine through {@link VmControls}. The title shows the
 * VM's name, CPU back end and speed; {@link HostBinding} lists the Ctrl+Alt keys.
 */
public final class DesktopWindow implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopWindow.class);

    private static final long SECOND = 1_000_000_000L;
    private static final long NOTICE_NANOS = 5 * SECOND;
    private static final long OPEN_TIMEOUT_SECONDS = 20;
    private static final long CLOSE_TIMEOUT_MILLIS = 2_000;
    private static final int DEFAULT_REFRESH_HZ = 60;

    private final Framebuffer framebuffer;
    private final FramebufferGeometry geometry;
    private final VmControls controls;
    private final WindowSettings settings;
    private final KeyboardInput keyboard;
    private final MouseInput mouse;
    private final QuitSequence quit;
    private final MipsMeter mipsMeter = new MipsMeter();
    private final Screenshots screenshots = new Screenshots(Path.of(""));
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean closing;

    // window-thread state
    private String lastGlfwError = "no details";
    private long window;
    private FramebufferTexture texture;
    private ScaleMode scaleMode = ScaleMode.INTEGER;
    private int drawableWidth;
    private int drawableHeight;
    private boolean redraw = true;
    private long frameNanos = SECOND / DEFAULT_REFRESH_HZ;
    private long nextMipsSample;
    private String notice;
    private long noticeUntil;
    private String shownTitle = "";
    private FullscreenToggle fullscreen;

    private DesktopWindow(Framebuffer framebuffer, VmControls controls, WindowSettings settings) {
        this.framebuffer = framebuffer;
        this.geometry = framebuffer.geometry();
        this.controls = controls;
        this.settings = settings;
        this.keyboard = new KeyboardInput(controls, this::onBinding);
        this.mouse = new MouseInput(controls, this::applyGrab);
        this.quit = new QuitSequence(controls);
        this.thread = Thread.ofPlatform().name("jefevm-window").daemon(true).unstarted(this::run);
    }

    /** Whether the environment names a display server (DISPLAY or WAYLAND_DISPLAY set and not empty). */
    public static boolean displayConfigured(Map<String, String> environment) {
        return notEmpty(environment.get("DISPLAY")) || notEmpty(environment.get("WAYLAND_DISPLAY"));
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    /**
     * Opens the window showing {@code framebuffer} and returns once it is on screen.
     *
     * @throws DisplayUnavailableException if there is no display or GLFW/OpenGL cannot start on it
     */
    public static DesktopWindow open(Framebuffer framebuffer, VmControls controls, WindowSettings settings)
            throws DisplayUnavailableException, InterruptedException {
        if (!displayConfigured(System.getenv())) {
            throw new DisplayUnavailableException("no display (DISPLAY and WAYLAND_DISPLAY are not set)");
        }
        DesktopWindow w = new DesktopWindow(framebuffer, controls, settings);
        w.thread.start();
        try {
            w.opened.get(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new DisplayUnavailableException(e.getCause().getMessage());
        } catch (TimeoutException e) {
            w.close();
            throw new DisplayUnavailableException("the window did not open within " + OPEN_TIMEOUT_SECONDS + " s");
        }
        return w;
    }

    /** The title the window shows when it opens (before the first speed reading). */
    private static String initialTitle(WindowSettings settings) {
        return WindowTitle.format(settings.name(), settings.backend(), -1, false, false, null);
    }

    /** Closes the window and waits (briefly) for its thread to end; any thread may call this. */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        if (Thread.currentThread() != thread) {
            thread.join(CLOSE_TIMEOUT_MILLIS);
        }
    }

    // ------------------------------------------------------------------ window thread

    private void run() {
        try {
            runWindow();
        } catch (RuntimeException | LinkageError e) {
            // LWJGL's classes or natives missing or unloadable on this host
            if (!opened.completeExceptionally(new DisplayUnavailableException("cannot start GLFW: " + e))) {
                LOG.error("the window failed; the VM runs on without it", e);
            }
        }
    }

    private void runWindow() {
        GLFWErrorCallback errors = GLFWErrorCallback.create((code, description) ->
                lastGlfwError = GLFWErrorCallback.getDescription(description));
        glfwSetErrorCallback(errors);
        try {
            if (!notEmpty(System.getenv("WAYLAND_DISPLAY"))) {
                // X11 only: GLFW would otherwise probe for Wayland first and libwayland complain on stderr
                glfwInitHint(GLFW_PLATFORM, GLFW_PLATFORM_X11);
            }
            if (!glfwInit()) {
                opened.completeExceptionally(new DisplayUnavailableException("GLFW cannot start: " + lastGlfwError));
                return;
            }
            try {
                if (!createWindow()) {
                    return;
                }
                opened.complete(null);
                loop();
            } catch (RuntimeException | Error e) {
                if (!opened.completeExceptionally(new DisplayUnavailableException("cannot open the window: " + e))) {
                    LOG.error("the window failed; the VM runs on without it", e);
                }
            } finally {
                if (texture != null) {
                    texture.dispose();
                }
                if (window != NULL) {
                    glfwFreeCallbacks(window);
                    glfwDestroyWindow(window);
                }
                glfwTerminate();
            }
        } finally {
            glfwSetErrorCallback(null);
            errors.free();
        }
    }

    private boolean createWindow() {
        glfwDefaultWindowHints();
        glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
        // HiDPI: a window of the framebuffer's size in screen units is content-scaled on dense screens
        glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
        window = glfwCreateWindow(geometry.width(), geometry.height(), initialTitle(settings), NULL, NULL);
        if (window == NULL) {
            opened.completeExceptionally(new DisplayUnavailableException("cannot create an OpenGL window: "
                    + lastGlfwError));
            return false;
        }
        glfwMakeContextCurrent(window);
        GL.createCapabilities();
        glfwSwapInterval(1);
        long monitor = glfwGetPrimaryMonitor();
        GLFWVidMode mode = monitor == NULL ? null : glfwGetVideoMode(monitor);
        if (mode != null && mode.refreshRate() > 0) {
            frameNanos = SECOND / mode.refreshRate();
        }
        texture = new FramebufferTexture(geometry,
                new DirtyRows(framebuffer.memory(), geometry.height(), geometry.pitch(), geometry.width() * 4L));
        fullscreen = new FullscreenToggle(window);
        installCallbacks();
        int[] w = new int[1];
        int[] h = new int[1];
        glfwGetFramebufferSize(window, w, h);
        drawableWidth = w[0];
        drawableHeight = h[0];
        glfwShowWindow(window);
        shownTitle = initialTitle(settings);
        return true;
    }

    private void installCallbacks() {
        glfwSetKeyCallback(window, (win, key, scancode, action, mods) -> keyboard.onKey(key, action));
        glfwSetMouseButtonCallback(window, (win, button, action, mods) -> mouse.onButton(button, action == GLFW_PRESS));
        glfwSetCursorPosCallback(window, (win, x, y) -> mouse.onCursor(x, y));
        glfwSetScrollCallback(window, (win, dx, dy) -> mouse.onScroll(dy));
        glfwSetWindowFocusCallback(window, (win, focused) -> {
            if (!focused) {
                keyboard.onFocusLost();
                mouse.release();
            }
        });
        // the drawable's size in pixels, which differs from the window's size in screen units on HiDPI screens
        glfwSetFramebufferSizeCallback(window, (win, width, height) -> {
            drawableWidth = width;
            drawableHeight = height;
            redraw = true;
        });
        glfwSetWindowRefreshCallback(window, win -> redraw = true);
    }

    private void loop() {
        while (!closing) {
            long start = System.nanoTime();
            glfwPollEvents();
            if (glfwWindowShouldClose(window)) {
                // the close button quits like Ctrl+Alt+Q; the window stays until the VM has ended
                glfwSetWindowShouldClose(window, false);
                quit.start(start);
            }
            quit.poll(start);
            updateTitle(start);
            boolean changed = texture.update();
            if ((changed || redraw) && glfwGetWindowAttrib(window, GLFW_ICONIFIED) == GLFW_FALSE) {
                redraw = false;
                texture.draw(drawableWidth, drawableHeight,
                        scaleMode.place(geometry.width(), geometry.height(), drawableWidth, drawableHeight));
                glfwSwapBuffers(window);
            }
            long remaining = frameNanos - (System.nanoTime() - start);
            if (remaining > 1_000_000) {
                // no vsync to wait for (or nothing to draw): sleep out the frame, still answering input
                glfwWaitEventsTimeout(remaining / 1e9);
            }
        }
    }

    private void updateTitle(long now) {
        if (now - nextMipsSample >= 0) {
            nextMipsSample = now + SECOND;
            mipsMeter.sample(controls.instructionsRetired(), now);
        }
        if (notice != null && now - noticeUntil >= 0) {
            notice = null;
        }
        String title = WindowTitle.format(settings.name(), settings.backend(), mipsMeter.mips(), controls.isPaused(),
                mouse.isGrabbed(), notice);
        if (!title.equals(shownTitle)) {
            shownTitle = title;
            glfwSetWindowTitle(window, title);
        }
    }

    private void showNotice(String text) {
        notice = text;
        noticeUntil = System.nanoTime() + NOTICE_NANOS;
    }

    private void applyGrab() {
        if (mouse.isGrabbed()) {
            glfwSetInputMode(window, GLFW_CURSOR, GLFW_CURSOR_DISABLED);
            if (glfwRawMouseMotionSupported()) {
                // unaccelerated device motion, as the guest applies its own acceleration
                glfwSetInputMode(window, GLFW_RAW_MOUSE_MOTION, GLFW_TRUE);
            }
            double[] x = new double[1];
            double[] y = new double[1];
            glfwGetCursorPos(window, x, y);
            mouse.startFrom(x[0], y[0]);
        } else {
            glfwSetInputMode(window, GLFW_CURSOR, GLFW_CURSOR_NORMAL);
        }
    }

    private void onBinding(HostBinding binding) {
        switch (binding) {
            case RELEASE_MOUSE -> mouse.release();
            case FULLSCREEN -> fullscreen.toggle();
            case SCALING -> {
                scaleMode = scaleMode.toggled();
                redraw = true;
                showNotice("scaling: " + scaleMode.name().toLowerCase(Locale.ROOT));
            }
            case SCREENSHOT -> saveScreenshot();
            case PAUSE -> {
                if (controls.isPaused()) {
                    controls.resume();
                } else {
                    controls.pause();
                }
            }
            case RESET -> controls.reset();
            case POWER_BUTTON -> controls.powerButton();
            case QUIT -> quit.start(System.nanoTime());
            case HELP -> {
                LOG.info("window keys: {}", HostBinding.summary());
                showNotice(HostBinding.summary());
            }
        }
    }

    private void saveScreenshot() {
        try {
            Path file = screenshots.save(framebuffer, LocalDateTime.now());
            LOG.info("screenshot saved to {}", file);
            showNotice("screenshot saved to " + file);
        } catch (IOException e) {
            LOG.warn("cannot save the screenshot: {}", e.getMessage());
            showNotice("screenshot failed: " + e.getMessage());
        }
    }
}
