// gui/Window: see Window.h.
#include "gui/Window.h"

#include "drivers/Font.h"

namespace gui {

namespace {

// Caption button glyphs, 9 px wide ('X' = black).
constexpr const char* kDownArrow[] = {"XXXXXXXXX", ".XXXXXXX.", "..XXXXX..", "...XXX...", "....X...."};
constexpr const char* kUpArrow[] = {"....X....", "...XXX...", "..XXXXX..", ".XXXXXXX.", "XXXXXXXXX"};
constexpr const char* kRestoreArrows[] = {"....X....", "...XXX...", "..XXXXX..", ".XXXXXXX.", ".........",
                                          ".XXXXXXX.", "..XXXXX..", "...XXX...", "....X...."};
// The system-menu box's bar, with its shadow ('S').
constexpr const char* kSystemBar[] = {"XXXXXXXXXXX.", "X.........XS", "XXXXXXXXXXXS", ".SSSSSSSSSSS"};

}  // namespace

bool Window::add(Control* control) {
    if (m_controlCount == kMaxControls) {
        return false;
    }
    m_controls[m_controlCount++] = control;
    return true;
}

Rect Window::captionRect() const {
    return {m_frame.x + Theme::kBorder, m_frame.y + Theme::kBorder, m_frame.w - 2 * Theme::kBorder, Theme::kCaption};
}

Rect Window::systemMenuBox() const {
    Rect c = captionRect();
    return {c.x, c.y, Theme::kCaptionButton, Theme::kCaption};
}

Rect Window::maximiseBox() const {
    Rect c = captionRect();
    return {c.right() - Theme::kCaptionButton, c.y, Theme::kCaptionButton, Theme::kCaption};
}

Rect Window::minimiseBox() const { return maximiseBox().offset(-Theme::kCaptionButton, 0); }

Rect Window::titleArea() const {
    Rect c = captionRect();
    int left = systemMenuBox().right();
    return {left, c.y, minimiseBox().x - left, c.h};
}

Rect Window::clientRect() const {
    Rect c = captionRect();
    int top = c.bottom() + 1;  // the line under the caption
    return {c.x, top, c.w, m_frame.bottom() - Theme::kBorder - top};
}

WindowPart Window::hitTest(Point p) const {
    if (!m_frame.contains(p)) {
        return WindowPart::None;
    }
    if (systemMenuBox().contains(p)) {
        return WindowPart::SystemMenu;
    }
    if (minimiseBox().contains(p)) {
        return WindowPart::Minimise;
    }
    if (maximiseBox().contains(p)) {
        return WindowPart::Maximise;
    }
    if (captionRect().contains(p)) {
        return WindowPart::Caption;
    }
    if (clientRect().contains(p)) {
        return WindowPart::Client;
    }
    return WindowPart::Border;
}

Control* Window::controlAt(Point p) const {
    for (int i = m_controlCount - 1; i >= 0; i--) {
        if (m_controls[i]->takesMouse() && controlRect(*m_controls[i]).contains(p)) {
            return m_controls[i];
        }
    }
    return nullptr;
}

void Window::paintCaptionBox(Canvas& canvas, const Theme& theme, Rect box, WindowPart part, bool pressed) const {
    canvas.fillRect(box, theme.face);
    canvas.frame(box, theme.frame);
    Rect inner{box.x + 1, box.y + 1, box.w - 2, box.h - 2};
    int shift = pressed ? 1 : 0;
    if (pressed) {
        canvas.bevel(inner, theme.shadow, theme.face, 1);
    } else {
        canvas.bevel(inner, theme.highlight, theme.shadow, 1);
    }
    int cx = box.x + box.w / 2 + shift;
    int cy = box.y + box.h / 2 + shift;
    switch (part) {
    case WindowPart::SystemMenu:
        canvas.stamp(cx - 6, cy - 2, kSystemBar, 4, 'X', theme.frame, 'S', theme.shadow);
        break;
    case WindowPart::Minimise:
        canvas.stamp(cx - 4, cy - 2, kDownArrow, 5, 'X', theme.frame, ' ', 0);
        break;
    case WindowPart::Maximise:
        if (m_state == WindowState::Maximised) {
            canvas.stamp(cx - 4, cy - 4, kRestoreArrows, 9, 'X', theme.frame, ' ', 0);
        } else {
            canvas.stamp(cx - 4, cy - 3, kUpArrow, 5, 'X', theme.frame, ' ', 0);
        }
        break;
    default:
        break;
    }
}

void Window::paint(Canvas& canvas, const Theme& theme, bool active, WindowPart pressed) const {
    Rect saved = canvas.clip();
    canvas.setClip(saved.intersect(m_frame));
    // Frame and sizing border.
    canvas.frame(m_frame, theme.frame);
    Rect border{m_frame.x + 1, m_frame.y + 1, m_frame.w - 2, m_frame.h - 2};
    uint32_t borderColor = active ? theme.activeBorder : theme.inactiveBorder;
    for (int i = 0; i < Theme::kBorder - 1; i++) {
        canvas.frame({border.x + i, border.y + i, border.w - 2 * i, border.h - 2 * i}, borderColor);
    }
    // Caption.
    Rect caption = captionRect();
    canvas.fillRect(caption, active ? theme.activeCaption : theme.inactiveCaption);
    canvas.fillRect({caption.x, caption.bottom(), caption.w, 1}, theme.frame);
    Rect title = titleArea();
    canvas.setClip(canvas.clip().intersect(title));
    int tx = title.x + (title.w - Canvas::textWidth(m_title)) / 2;
    if (tx < title.x + 2) {
        tx = title.x + 2;
    }
    canvas.text(tx, title.y + (title.h - drivers::Font::kHeight) / 2, m_title,
                active ? theme.activeCaptionText : theme.inactiveCaptionText);
    canvas.setClip(saved.intersect(m_frame));
    paintCaptionBox(canvas, theme, systemMenuBox(), WindowPart::SystemMenu, pressed == WindowPart::SystemMenu);
    paintCaptionBox(canvas, theme, minimiseBox(), WindowPart::Minimise, pressed == WindowPart::Minimise);
    paintCaptionBox(canvas, theme, maximiseBox(), WindowPart::Maximise, pressed == WindowPart::Maximise);
    // Client area and controls.
    Rect client = clientRect();
    canvas.fillRect(client, theme.window);
    canvas.setClip(canvas.clip().intersect(client));
    for (int i = 0; i < m_controlCount; i++) {
        m_controls[i]->paint(canvas, {client.x, client.y}, theme);
    }
    canvas.setClip(saved);
}

}  // namespace gui
