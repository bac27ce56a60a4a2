// gui/WindowManager: see WindowManager.h.
#include "gui/WindowManager.h"

#include "drivers/Font.h"

namespace gui {

namespace {

// The icon of a minimised window: a little window picture ('X' frame, 'N' caption, 'W' client).
constexpr const char* kIcon[] = {
    "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "XNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNX", "XNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNX",
    "XNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNX", "XNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNX", "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
};
constexpr int kIconCaptionRows = 6;

int clampInt(int v, int low, int high) {
    if (v < low) {
        return low;
    }
    return v > high ? high : v;
}

}  // namespace

bool WindowManager::add(Window* window) {
    if (m_count == kMaxWindows) {
        return false;
    }
    m_windows[m_count++] = window;
    activate(window);
    markAll(window);
    return true;
}

int WindowManager::indexOf(const Window* window) const {
    for (int i = 0; i < m_count; i++) {
        if (m_windows[i] == window) {
            return i;
        }
    }
    return -1;
}

int WindowManager::minimisedIndex(const Window* window) const {
    int slot = 0;
    for (int i = 0; i < m_count; i++) {
        if (m_windows[i] == window) {
            return slot;
        }
        if (m_windows[i]->m_state == WindowState::Minimised) {
            slot++;
        }
    }
    return -1;
}

Window* WindowManager::windowAt(Point p) const {
    for (int i = m_count - 1; i >= 0; i--) {
        if (m_windows[i]->m_state != WindowState::Minimised && m_windows[i]->m_frame.contains(p)) {
            return m_windows[i];
        }
    }
    return nullptr;
}

Rect WindowManager::iconRect(const Window* window) const {
    int slot = minimisedIndex(window);
    return {m_screen.x + 8 + slot * Theme::kIconSlot, m_screen.bottom() - Theme::kIconAreaHeight, Theme::kIconSlot - 8,
            Theme::kIconAreaHeight - 4};
}

Window* WindowManager::iconAt(Point p) const {
    for (int i = 0; i < m_count; i++) {
        if (m_windows[i]->m_state == WindowState::Minimised && iconRect(m_windows[i]).contains(p)) {
            return m_windows[i];
        }
    }
    return nullptr;
}

void WindowManager::markAll(const Window* window) {
    if (window->m_state == WindowState::Minimised) {
        m_dirty.add(iconRect(window));
    } else {
        m_dirty.add(window->m_frame);
    }
}

void WindowManager::markIcons() {
    m_dirty.add({m_screen.x, m_screen.bottom() - Theme::kIconAreaHeight, m_screen.w, Theme::kIconAreaHeight});
}

void WindowManager::raise(Window* window) {
    int i = indexOf(window);
    if (i < 0 || i == m_count - 1) {
        return;
    }
    for (; i < m_count - 1; i++) {
        m_windows[i] = m_windows[i + 1];
    }
    m_windows[m_count - 1] = window;
    markAll(window);
}

void WindowManager::activate(Window* window) {
    if (window == nullptr || indexOf(window) < 0) {
        return;
    }
    if (window->m_state == WindowState::Minimised) {
        restore(window);
        return;
    }
    raise(window);
    if (m_active != window) {
        if (m_active != nullptr) {
            markAll(m_active);  // its caption turns inactive
        }
        m_active = window;
        markAll(window);
    }
}

void WindowManager::activateTopmost() {
    m_active = nullptr;
    for (int i = m_count - 1; i >= 0; i--) {
        if (m_windows[i]->m_state != WindowState::Minimised) {
            activate(m_windows[i]);
            return;
        }
    }
}

void WindowManager::moveTo(Window* window, Point topLeft) {
    Rect f = window->m_frame;
    int x = clampInt(topLeft.x, m_screen.x + kKeepVisible - f.w, m_screen.right() - kKeepVisible);
    int y = clampInt(topLeft.y, m_screen.y, m_screen.bottom() - Theme::kBorder - Theme::kCaption);
    if (x == f.x && y == f.y) {
        return;
    }
    m_dirty.add(f);
    window->m_frame = {x, y, f.w, f.h};
    m_dirty.add(window->m_frame);
}

void WindowManager::minimise(Window* window) {
    if (window->m_state == WindowState::Minimised) {
        return;
    }
    m_dirty.add(window->m_frame);
    if (window->m_state == WindowState::Maximised) {
        window->m_frame = window->m_restoreFrame;
    }
    window->m_state = WindowState::Minimised;
    markIcons();
    if (m_active == window) {
        activateTopmost();
    }
}

void WindowManager::maximise(Window* window) {
    if (window->m_state == WindowState::Maximised) {
        return;
    }
    if (window->m_state == WindowState::Minimised) {
        markIcons();
    }
    window->m_restoreFrame = window->m_frame;
    window->m_state = WindowState::Maximised;
    window->m_frame = m_screen;
    activate(window);
    markAll(window);
}

void WindowManager::restore(Window* window) {
    if (window->m_state == WindowState::Normal) {
        return;
    }
    if (window->m_state == WindowState::Minimised) {
        markIcons();
    } else {
        m_dirty.add(window->m_frame);
        window->m_frame = window->m_restoreFrame;
    }
    window->m_state = WindowState::Normal;
    activate(window);
    markAll(window);
}

void WindowManager::requestClose(Window* window) { m_queue.post(Event::forWindow(EventType::Close, window)); }

void WindowManager::invalidate(Window* window) { m_queue.post(Event::forWindow(EventType::Paint, window)); }

void WindowManager::invalidate(const Control& control, const Window& window) {
    if (window.m_state != WindowState::Minimised) {
        m_dirty.add(window.controlRect(control).intersect(window.clientRect()));
    }
}

void WindowManager::remove(Window* window) {
    int i = indexOf(window);
    if (i < 0) {
        return;
    }
    markAll(window);
    if (window->m_state == WindowState::Minimised) {
        markIcons();
    }
    for (; i < m_count - 1; i++) {
        m_windows[i] = m_windows[i + 1];
    }
    m_count--;
    if (m_drag == window) {
        m_drag = nullptr;
    }
    if (m_pressedWindow == window) {
        m_pressedWindow = nullptr;
        m_pressedPart = WindowPart::None;
        m_pressedControl = nullptr;
    }
    if (m_active == window) {
        activateTopmost();
    }
}

void WindowManager::mouseDown(Point p) {
    if (Window* iconic = iconAt(p)) {
        restore(iconic);
        return;
    }
    Window* w = windowAt(p);
    if (w == nullptr) {
        return;
    }
    activate(w);
    WindowPart part = w->hitTest(p);
    switch (part) {
    case WindowPart::Caption:
        if (w->m_state == WindowState::Normal) {
            m_drag = w;
            m_grab = {p.x - w->m_frame.x, p.y - w->m_frame.y};
        }
        break;
    case WindowPart::SystemMenu:
    case WindowPart::Minimise:
    case WindowPart::Maximise:
        m_pressedWindow = w;
        m_pressedPart = part;
        m_dirty.add(w->captionRect());
        break;
    case WindowPart::Client:
        if (Control* c = w->controlAt(p)) {
            m_pressedWindow = w;
            m_pressedControl = c;
            if (c->press()) {
                invalidate(*c, *w);
            }
        }
        break;
    default:
        break;
    }
}

void WindowManager::mouseMove(Point p) {
    if (m_drag != nullptr) {
        moveTo(m_drag, {p.x - m_grab.x, p.y - m_grab.y});
    } else if (m_pressedControl != nullptr) {
        if (m_pressedControl->track(m_pressedWindow->controlRect(*m_pressedControl).contains(p))) {
            invalidate(*m_pressedControl, *m_pressedWindow);
        }
    }
}

void WindowManager::mouseUp(Point p) {
    if (m_drag != nullptr) {
        Window* moved = m_drag;
        m_drag = nullptr;
        if (m_observer != nullptr) {
            m_observer->windowMoved(*moved);
        }
        return;
    }
    Window* w = m_pressedWindow;
    if (w == nullptr) {
        return;
    }
    m_pressedWindow = nullptr;
    if (m_pressedControl != nullptr) {
        Control* c = m_pressedControl;
        m_pressedControl = nullptr;
        invalidate(*c, *w);
        c->release(w->controlRect(*c).contains(p));  // may close or change the window
        return;
    }
    WindowPart part = m_pressedPart;
    m_pressedPart = WindowPart::None;
    m_dirty.add(w->captionRect());
    if (windowAt(p) != w || w->hitTest(p) != part) {
        return;  // released elsewhere: no action, as with any button
    }
    if (part == WindowPart::SystemMenu) {
        requestClose(w);
    } else if (part == WindowPart::Minimise) {
        minimise(w);
    } else if (part == WindowPart::Maximise) {
        if (w->m_state == WindowState::Maximised) {
            restore(w);
        } else {
            maximise(w);
        }
    }
}

void WindowManager::dispatch(const Event& event) {
    switch (event.type) {
    case EventType::MouseDown:
        if (event.button == 1) {
            mouseDown(event.pos);
        }
        break;
    case EventType::MouseMove:
        mouseMove(event.pos);
        break;
    case EventType::MouseUp:
        if (event.button == 1) {
            mouseUp(event.pos);
        }
        break;
    case EventType::KeyDown:
    case EventType::KeyUp:
        if (m_active != nullptr) {
            m_active->handle(event);
        }
        break;
    case EventType::Paint:
        if (indexOf(event.window) >= 0) {
            markAll(event.window);
        }
        break;
    case EventType::Close:
        if (indexOf(event.window) >= 0) {
            event.window->handle(event);
            remove(event.window);
            if (m_observer != nullptr) {
                m_observer->windowClosed(*event.window);
            }
        }
        break;
    }
}

void WindowManager::dispatchAll() {
    Event e;
    while (m_queue.take(&e)) {
        dispatch(e);
    }
}

void WindowManager::paintIcon(Canvas& canvas, const Window& window) const {
    Rect slot = iconRect(&window);
    int x = slot.x + (slot.w - Theme::kIconSize) / 2;
    int y = slot.y + 2;
    Rect body{x, y, Theme::kIconSize, Theme::kIconSize};
    canvas.fillRect(body, m_theme.window);
    canvas.frame(body, m_theme.frame);
    canvas.stamp(x, y, kIcon, kIconCaptionRows, 'X', m_theme.frame, 'N', m_theme.activeCaption);
    // The title under the icon, cut to the slot.
    Rect saved = canvas.clip();
    canvas.setClip(saved.intersect(slot));
    int tx = slot.x + (slot.w - Canvas::textWidth(window.m_title)) / 2;
    if (tx < slot.x) {
        tx = slot.x;
    }
    int ty = y + Theme::kIconSize + 1;
    canvas.fillRect({tx, ty, Canvas::textWidth(window.m_title), drivers::Font::kHeight}, m_theme.desktop);
    canvas.text(tx, ty, window.m_title, m_theme.highlight);
    canvas.setClip(saved);
}

void WindowManager::paint(Canvas& canvas) const {
    canvas.fillRect(canvas.clip(), m_theme.desktop);
    for (int i = 0; i < m_count; i++) {
        const Window* w = m_windows[i];
        if (w->m_state == WindowState::Minimised) {
            if (iconRect(w).intersects(canvas.clip())) {
                paintIcon(canvas, *w);
            }
        }
    }
    for (int i = 0; i < m_count; i++) {
        const Window* w = m_windows[i];
        if (w->m_state != WindowState::Minimised && w->m_frame.intersects(canvas.clip())) {
            w->paint(canvas, m_theme, w == m_active, w == m_pressedWindow ? m_pressedPart : WindowPart::None);
        }
    }
}

}  // namespace gui
