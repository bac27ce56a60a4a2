// gui/DesktopSession: see DesktopSession.h.
#include "gui/DesktopSession.h"

#include "drivers/Console.h"
#include "drivers/I8042.h"
#include "drivers/Input.h"
#include "gui/Compositor.h"
#include "gui/DemoDesktop.h"
#include "gui/Keyboard.h"
#include "gui/Pointer.h"
#include "lib/Kprintf.h"
#include "mm/KernelHeap.h"
#include "sched/Scheduler.h"

namespace gui {

namespace {

using lib::kprintf;

constexpr uint64_t kFrameMs = 20;  // the demo's frame period
constexpr uint64_t kIdleMs = 10;   // one scheduler tick: how long an idle desktop sleeps
constexpr char kEscapeByte = 0x1b;

void logLine(const char* line) { kprintf("%s", line); }

// Everything one desktop needs, allocated together on the heap (the shell's stack is small).
struct Desktop {
    Desktop(drivers::Framebuffer& fb, uint32_t* backPixels)
        : screenRect{0, 0, static_cast<int>(fb.width()), static_cast<int>(fb.height())},
          theme(Theme::make([&fb](uint8_t r, uint8_t g, uint8_t b) { return fb.rgb(r, g, b); })),
          dirty(screenRect),
          wm(screenRect, theme, queue, dirty),
          demo(wm, logLine),
          back(backPixels, screenRect.w, screenRect.h, screenRect.w),
          screen(reinterpret_cast<uint32_t*>(fb.address()), screenRect.w, screenRect.h,
                 static_cast<int>(fb.pitch() / sizeof(uint32_t))),
          cursor(theme.frame, theme.highlight),
          compositor(back, screen, dirty, wm, cursor),
          pointer(screenRect) {}

    Rect screenRect;
    Theme theme;
    EventQueue queue;
    DirtyRegion dirty;
    WindowManager wm;
    DemoDesktop demo;
    Canvas back;
    Canvas screen;
    Cursor cursor;
    Compositor compositor;
    Pointer pointer;
    Keyboard keyboard;
};

// Moves pending input into the event queue; returns true when there was any.
bool gatherInput(Desktop& d) {
    bool any = false;
    drivers::MousePacket packet;
    while (drivers::ps2::takeMousePacket(&packet)) {
        d.pointer.report(packet.dx, packet.dy, packet.buttons, d.queue);
        any = true;
    }
    for (int byte; (byte = drivers::ps2::takeScancode()) >= 0;) {
        d.keyboard.feed(static_cast<uint8_t>(byte), d.queue);
        any = true;
    }
    for (int byte; (byte = drivers::input::tryRead()) >= 0;) {
        d.queue.post(Event::key(EventType::KeyDown, 0, static_cast<char>(byte)));
        any = true;
    }
    return any;
}

// Dispatches queued events; returns true when Esc was pressed.
bool dispatch(Desktop& d) {
    Event e;
    while (d.queue.take(&e)) {
        if (e.type == EventType::KeyDown && (e.scancode == Keyboard::kEscape || e.ascii == kEscapeByte)) {
            return true;
        }
        d.wm.dispatch(e);
    }
    return false;
}

void loop(Desktop& d, SessionMode mode) {
    uint64_t start = sched::Scheduler::millisecondsSinceBoot();
    bool announced = false;
    for (;;) {
        bool busy = gatherInput(d);
        if (dispatch(d)) {
            return;
        }
        uint64_t now = sched::Scheduler::millisecondsSinceBoot();
        if (mode == SessionMode::Demo && !d.demo.animate(now - start)) {
            return;
        }
        d.demo.setUptime(now);
        d.wm.dispatchAll();  // the Paint events the clock posted
        d.compositor.present(d.pointer.position());
        if (!announced) {
            // Scripts wait for this line: the first frame is on the screen.
            if (mode == SessionMode::Interactive) {
                d.demo.describe();
            }
            kprintf("gui: desktop ready, pointer at %d %d, Esc quits\n", d.pointer.position().x,
                    d.pointer.position().y);
            announced = true;
        }
        if (mode == SessionMode::Demo) {
            sched::Scheduler::sleepMs(kFrameMs);
        } else if (!busy) {
            sched::Scheduler::sleepMs(kIdleMs);
        }
    }
}

}  // namespace

void DesktopSession::run(SessionMode mode) {
    drivers::FbConsole* console = drivers::Console::framebuffer();
    if (console == nullptr) {
        kprintf("gui: no framebuffer console\n");
        return;
    }
    if (sched::Scheduler::ticks() == 0) {
        kprintf("gui: needs the timer tick\n");
        return;
    }
    drivers::Framebuffer& fb = console->framebuffer();
    size_t bytes = static_cast<size_t>(fb.width()) * fb.height() * sizeof(uint32_t);
    auto* backPixels = static_cast<uint32_t*>(kmalloc(bytes));
    if (backPixels == nullptr) {
        kprintf("gui: not enough memory for a %u x %u back buffer\n", fb.width(), fb.height());
        return;
    }
    auto* desktop = new Desktop(fb, backPixels);

    drivers::Console::attachFramebuffer(nullptr);  // kernel messages go to serial only meanwhile
    drivers::ps2::setCapture(true);
    desktop->demo.open();
    desktop->dirty.addAll();
    loop(*desktop, mode);
    drivers::ps2::setCapture(false);
    drivers::Console::attachFramebuffer(console);
    console->repaint();

    delete desktop;
    kfree(backPixels);
    kprintf("gui: back to the text console\n");
}

}  // namespace gui
