// gui/Label: see Label.h.
#include "gui/Label.h"

namespace gui {

void Label::setText(const char* text) {
    m_length = 0;
    while (text[m_length] != '\0' && m_length < kMaxText) {
        m_text[m_length] = text[m_length];
        m_length++;
    }
    m_text[m_length] = '\0';
}

bool Label::append(char c) {
    if (m_length == kMaxText) {
        return false;
    }
    m_text[m_length++] = c;
    m_text[m_length] = '\0';
    return true;
}

bool Label::erase() {
    if (m_length == 0) {
        return false;
    }
    m_text[--m_length] = '\0';
    return true;
}

void Label::paint(Canvas& canvas, Point origin, const Theme& theme) const {
    Rect r = bounds().offset(origin.x, origin.y);
    Rect saved = canvas.clip();
    canvas.setClip(saved.intersect(r));
    canvas.fillRect(r, theme.window);
    canvas.text(r.x, r.y, m_text, theme.windowText);
    canvas.setClip(saved);
}

}  // namespace gui
