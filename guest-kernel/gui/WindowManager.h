// gui/WindowManager: the desktop's windows in z-order (index 0 at the bottom), which one is
// active, and what the mouse is doing to them. dispatch() consumes one event: a left press
// activates and raises the window under the pointer and then, by the part it hit, starts a
// caption drag (the window follows the pointer's delta, clamped so its caption stays
// reachable), arms a caption button or a client control (they act on release inside), or
// restores a minimised window when it hits its icon; key events go to the active window's
// handler; Paint marks a window for repainting; Close lets the window's handler know, then
// removes the window. Every change marks the screen area it affects in the dirty region;
// paint() redraws whatever lies inside the canvas's clip: desktop, icons, windows bottom-up.
#pragma once

#include "gui/DirtyRegion.h"
#include "gui/EventQueue.h"
#include "gui/Theme.h"
#include "gui/Window.h"

namespace gui {

// Told about what a user did, for logging (the shell prints it on the serial line).
class WindowManagerObserver {
public:
    virtual void windowMoved(const Window& window) = 0;
    virtual void windowClosed(const Window& window) = 0;

protected:
    ~WindowManagerObserver() = default;
};

class WindowManager {
public:
    static constexpr int kMaxWindows = 8;
    // How much of a dragged window's width stays on screen at either side.
    static constexpr int kKeepVisible = 40;

    WindowManager(Rect screen, const Theme& theme, EventQueue& queue, DirtyRegion& dirty)
        : m_screen(screen), m_theme(theme), m_queue(queue), m_dirty(dirty) {}

    void setObserver(WindowManagerObserver* observer) { m_observer = observer; }
    Rect screen() const { return m_screen; }
    const Theme& theme() const { return m_theme; }

    // Adds a window on top and activates it.
    bool add(Window* window);
    int count() const { return m_count; }
    Window* at(int z) const { return m_windows[z]; }
    Window* active() const { return m_active; }
    bool dragging() const { return m_drag != nullptr; }

    // The topmost visible (not minimised) window containing p, or nullptr.
    Window* windowAt(Point p) const;
    // The minimised window whose icon contains p, or nullptr.
    Window* iconAt(Point p) const;
    Rect iconRect(const Window* window) const;

    void activate(Window* window);
    void moveTo(Window* window, Point topLeft);
    void minimise(Window* window);
    void maximise(Window* window);
    void restore(Window* window);
    // Posts the window's Close event; dispatch() closes it.
    void requestClose(Window* window);
    // Posts a Paint event for the window (after its look changed).
    void invalidate(Window* window);
    void invalidate(const Control& control, const Window& window);

    void dispatch(const Event& event);
    // Dispatches every queued event.
    void dispatchAll();
    void paint(Canvas& canvas) const;

private:
    int indexOf(const Window* window) const;
    int minimisedIndex(const Window* window) const;
    void raise(Window* window);
    void remove(Window* window);
    void activateTopmost();
    void markAll(const Window* window);
    void markIcons();
    void mouseDown(Point p);
    void mouseMove(Point p);
    void mouseUp(Point p);
    void paintIcon(Canvas& canvas, const Window& window) const;

    Rect m_screen;
    Theme m_theme;
    EventQueue& m_queue;
    DirtyRegion& m_dirty;
    WindowManagerObserver* m_observer = nullptr;
    Window* m_windows[kMaxWindows] = {};
    int m_count = 0;
    Window* m_active = nullptr;
    // Mouse capture: a caption drag, a pressed caption button, or a pressed control.
    Window* m_drag = nullptr;
    Point m_grab{0, 0};  // pointer position relative to the dragged frame's corner
    Window* m_pressedWindow = nullptr;
    WindowPart m_pressedPart = WindowPart::None;
    Control* m_pressedControl = nullptr;
};

}  // namespace gui
