// gui/Button: see Button.h.
#include "gui/Button.h"

#include "drivers/Font.h"

namespace gui {

void Button::paint(Canvas& canvas, Point origin, const Theme& theme) const {
    Rect r = bounds().offset(origin.x, origin.y);
    canvas.fillRect(r, theme.face);
    canvas.frame(r, theme.frame);
    Rect inner{r.x + 1, r.y + 1, r.w - 2, r.h - 2};
    int shift = 0;
    if (m_pressed) {
        canvas.bevel(inner, theme.shadow, theme.face, 1);
        shift = 1;
    } else {
        canvas.bevel(inner, theme.highlight, theme.shadow, 2);
    }
    int tx = r.x + (r.w - Canvas::textWidth(m_caption)) / 2 + shift;
    int ty = r.y + (r.h - drivers::Font::kHeight) / 2 + shift;
    canvas.text(tx, ty, m_caption, theme.windowText);
}

bool Button::press() {
    m_tracking = true;
    bool changed = !m_pressed;
    m_pressed = true;
    return changed;
}

bool Button::track(bool inside) {
    if (!m_tracking || m_pressed == inside) {
        return false;
    }
    m_pressed = inside;
    return true;
}

bool Button::release(bool inside) {
    if (!m_tracking) {
        return false;
    }
    m_tracking = false;
    m_pressed = false;
    if (inside && m_onClick != nullptr) {
        m_onClick(m_context, *this);
    }
    return inside;
}

}  // namespace gui
