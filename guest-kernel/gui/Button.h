// gui/Button: a push button with a centred caption. It looks pressed (sunken, caption one
// pixel down-right) from the mouse-down until the mouse-up, popping back out while the pointer
// is dragged off it and in again when it returns, and it fires its click handler only when
// the button is released with the pointer inside — the classic Windows semantics, which let a
// user cancel a click by sliding away.
#pragma once

#include "gui/Control.h"

namespace gui {

class Button final : public Control {
public:
    using ClickHandler = void (*)(void* context, Button& button);

    Button(Rect bounds, const char* caption, ClickHandler onClick, void* context)
        : Control(bounds), m_caption(caption), m_onClick(onClick), m_context(context) {}

    const char* caption() const { return m_caption; }
    bool pressed() const { return m_pressed; }

    void paint(Canvas& canvas, Point origin, const Theme& theme) const override;
    bool takesMouse() const override { return true; }
    bool press() override;
    bool track(bool inside) override;
    bool release(bool inside) override;

private:
    const char* m_caption;
    ClickHandler m_onClick;
    void* m_context;
    bool m_tracking = false;
    bool m_pressed = false;
};

}  // namespace gui
