// gui/Label: one line of text in a window's client area, left-aligned and clipped to its
// bounds. It keeps its own copy of the text (at most kMaxText characters), so callers may
// format into a temporary buffer and set it.
#pragma once

#include "gui/Control.h"

namespace gui {

class Label final : public Control {
public:
    static constexpr int kMaxText = 63;

    Label(Rect bounds, const char* text) : Control(bounds) { setText(text); }

    const char* text() const { return m_text; }
    void setText(const char* text);
    // Appends one character (false when the label is full).
    bool append(char c);
    // Removes the last character (false when empty).
    bool erase();
    void paint(Canvas& canvas, Point origin, const Theme& theme) const override;

private:
    char m_text[kMaxText + 1];
    int m_length = 0;
};

}  // namespace gui
