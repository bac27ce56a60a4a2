// gui/Window: a top-level window's geometry, state and look. The frame rectangle holds, from
// the outside in: a 1-px black frame and a 3-px sizing border (Theme::kBorder together), then
// the caption — system-menu (close) box on the left, minimise and maximise buttons on the
// right, the title centred between them — a 1-px line, and the client area with the controls.
// hitTest() names the part under a point; paint() draws the window as active (navy caption)
// or inactive (white caption). The window manager owns z-order, activation and state changes;
// a window only remembers its state, its frame before maximising, and who handles its keys.
#pragma once

#include "gui/Canvas.h"
#include "gui/Control.h"
#include "gui/Event.h"
#include "gui/Geometry.h"
#include "gui/Theme.h"

namespace gui {

enum class WindowState : uint8_t { Normal, Minimised, Maximised };
enum class WindowPart : uint8_t { None, Border, Caption, SystemMenu, Minimise, Maximise, Client };

class Window {
public:
    static constexpr int kMaxControls = 8;
    // Called with the window's key events and with its Close event (before it goes away).
    using EventHandler = void (*)(void* context, Window& window, const Event& event);

    Window(const char* title, Rect frame) : m_title(title), m_frame(frame), m_restoreFrame(frame) {}

    const char* title() const { return m_title; }
    Rect frame() const { return m_frame; }
    Rect restoreFrame() const { return m_restoreFrame; }
    WindowState state() const { return m_state; }
    bool add(Control* control);
    int controlCount() const { return m_controlCount; }
    Control* control(int i) const { return m_controls[i]; }
    void setHandler(EventHandler handler, void* context) {
        m_handler = handler;
        m_context = context;
    }
    void handle(const Event& event) {
        if (m_handler != nullptr) {
            m_handler(m_context, *this, event);
        }
    }

    Rect captionRect() const;
    Rect systemMenuBox() const;
    Rect minimiseBox() const;
    Rect maximiseBox() const;
    // The part of the caption the title text may use (between the caption buttons).
    Rect titleArea() const;
    Rect clientRect() const;
    Rect controlRect(const Control& control) const {
        Rect c = clientRect();
        return control.bounds().offset(c.x, c.y);
    }
    WindowPart hitTest(Point p) const;
    // The topmost control under p that takes the mouse, or nullptr.
    Control* controlAt(Point p) const;

    void paint(Canvas& canvas, const Theme& theme, bool active, WindowPart pressed) const;

private:
    friend class WindowManager;
    void paintCaptionBox(Canvas& canvas, const Theme& theme, Rect box, WindowPart part, bool pressed) const;

    const char* m_title;
    Rect m_frame;
    Rect m_restoreFrame;  // the frame to go back to from Maximised
    WindowState m_state = WindowState::Normal;
    Control* m_controls[kMaxControls] = {};
    int m_controlCount = 0;
    EventHandler m_handler = nullptr;
    void* m_context = nullptr;
};

}  // namespace gui
