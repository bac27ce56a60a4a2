// gui/DesktopSession: runs the desktop on the framebuffer (kernel only; the parts it wires
// together are pure and host-tested). It takes the screen from the text console, captures
// the PS/2 mouse and keyboard (drivers/I8042), and loops: turn mouse packets, scancodes and
// serial bytes into events, let the window manager consume them, advance the demo script or
// the clock, present the dirty rectangles, sleep a tick when idle. Esc (PS/2 or serial) ends
// it — the demo also ends by itself when its script is over — and the text console gets the
// screen back and redraws its contents. Needs the timer tick (it sleeps between frames).
#pragma once

namespace gui {

enum class SessionMode { Demo, Interactive };

class DesktopSession {
public:
    static void run(SessionMode mode);
};

}  // namespace gui
