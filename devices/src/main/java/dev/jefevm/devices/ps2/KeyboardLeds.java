package dev.jefevm.devices.ps2;

/**
 * Where the keyboard's indicator lights go when the guest sets them with command 0xED (IBM PS/2
 * keyboard reference, "Set/Reset Mode Indicators": bit 0 Scroll Lock, bit 1 Num Lock, bit 2
 * Caps Lock). The host front end shows them or ignores them.
 */
@FunctionalInterface
public interface KeyboardLeds {

    /** No indicators to show. */
    KeyboardLeds NONE = (scroll, num, caps) -> { };

    void changed(boolean scrollLock, boolean numLock, boolean capsLock);
}
