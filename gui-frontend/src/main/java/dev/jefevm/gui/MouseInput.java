package dev.jefevm.gui;

/**
 * The mouse grab and what reaches the guest's PS/2 mouse. Free, the host pointer belongs to the
 * host and nothing goes to the guest; a click in the window grabs the pointer (that click itself
 * stays on the host, as in QEMU). Grabbed, relative motion, the three buttons and the wheel go to
 * the guest until Ctrl+Alt+G or a focus loss releases it, which also lets go of any button the
 * guest still holds. The window turns {@link #isGrabbed()} into GLFW's disabled cursor mode.
 */
final class MouseInput {

    /**
     * Largest motion per call: a PS/2 movement packet carries 9-bit counts (-256..255) and sends a
     * larger one clipped with the overflow bit, losing the rest, so a big host jump goes in steps.
     */
    static final int MAX_STEP = 255;

    /** GLFW mouse button numbers (GLFW_MOUSE_BUTTON_LEFT/RIGHT/MIDDLE) in PS/2 packet bit order. */
    private static final int[] BUTTON_BITS = {1, 2, 4};

    private final VmControls controls;
    private final Runnable grabChanged;
    private boolean grabbed;
    private boolean havePosition;
    private double lastX;
    private double lastY;
    private int buttons;
    private double wheelRest;
    /** Button presses while free grab the pointer; their release must not reach the guest. */
    private int grabClickButtons;

    MouseInput(VmControls controls, Runnable grabChanged) {
        this.controls = controls;
        this.grabChanged = grabChanged;
    }

    boolean isGrabbed() {
        return grabbed;
    }

    /** A GLFW mouse button event: {@code button} 0 left, 1 right, 2 middle; {@code pressed} or released. */
    void onButton(int button, boolean pressed) {
        if (button < 0 || button >= BUTTON_BITS.length) {
            return;
        }
        int bit = BUTTON_BITS[button];
        if (!grabbed) {
            if (pressed) {
                grabClickButtons |= bit;
                grabbed = true;
                havePosition = false;
                grabChanged.run();
            }
            return;
        }
        if (!pressed && (grabClickButtons & bit) != 0) {
            grabClickButtons &= ~bit;
            return;
        }
        int next = pressed ? buttons | bit : buttons & ~bit;
        if (next != buttons) {
            buttons = next;
            controls.mouseButtons(buttons);
        }
    }

    /** A GLFW cursor position (disabled cursor: an unbounded virtual position) in screen units. */
    void onCursor(double x, double y) {
        if (!grabbed) {
            return;
        }
        if (!havePosition) {
            havePosition = true;
            lastX = x;
            lastY = y;
            return;
        }
        int dx = (int) Math.round(x - lastX);
        int dy = (int) Math.round(y - lastY);
        // keep the rounding remainder so slow sub-pixel motion (raw or scaled) is not lost
        lastX += dx;
        lastY += dy;
        while (dx != 0 || dy != 0) {
            int stepX = Math.clamp(dx, -MAX_STEP, MAX_STEP);
            int stepY = Math.clamp(dy, -MAX_STEP, MAX_STEP);
            controls.mouseMove(stepX, stepY);
            dx -= stepX;
            dy -= stepY;
        }
    }

    /**
     * Where the pointer is as the grab starts (GLFW's virtual position once the cursor is
     * disabled), so the first motion after it counts in full.
     */
    void startFrom(double x, double y) {
        havePosition = true;
        lastX = x;
        lastY = y;
    }

    /** A GLFW scroll event: {@code yOffset} positive scrolls up (away from the user). */
    void onScroll(double yOffset) {
        if (!grabbed) {
            return;
        }
        wheelRest += yOffset;
        int notches = (int) wheelRest;
        if (notches != 0) {
            wheelRest -= notches;
            // PS/2 wheel counts are positive towards the user, GLFW's offsets away from them
            controls.mouseWheel(-notches);
        }
    }

    /** Ctrl+Alt+G or a focus loss: the pointer goes back to the host, the guest's buttons up. */
    void release() {
        if (!grabbed) {
            return;
        }
        grabbed = false;
        grabClickButtons = 0;
        wheelRest = 0;
        if (buttons != 0) {
            buttons = 0;
            controls.mouseButtons(0);
        }
        grabChanged.run();
    }
}
