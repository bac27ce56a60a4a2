// gui/Theme: the colours and metrics of the Windows 3.1 look — teal desktop, navy active
// caption with white text, white inactive caption with black text, light grey frames and 3-D
// button faces — packed once for the surface's pixel layout, and the sizes of the window
// parts (1-px outer frame, sizing border, caption, caption buttons, minimised icons).
#pragma once

#include <stdint.h>

namespace gui {

struct Theme {
    // Metrics in pixels.
    static constexpr int kBorder = 4;          // 1-px outer frame + 3-px sizing border
    static constexpr int kCaption = 20;        // caption (title bar) height, below the border
    static constexpr int kCaptionButton = 20;  // the system-menu box and min/max buttons are square
    static constexpr int kIconSize = 32;
    static constexpr int kIconSlot = 112;      // horizontal distance between minimised icons
    static constexpr int kIconAreaHeight = 56; // the strip at the bottom of the desktop for icons

    uint32_t desktop;          // teal, RGB(0,128,128)
    uint32_t activeCaption;    // navy, RGB(0,0,128)
    uint32_t activeCaptionText;
    uint32_t inactiveCaption;  // white
    uint32_t inactiveCaptionText;
    uint32_t activeBorder;
    uint32_t inactiveBorder;
    uint32_t frame;            // the 1-px outlines
    uint32_t window;           // client background
    uint32_t windowText;
    uint32_t face;             // button face, light grey
    uint32_t shadow;           // dark grey
    uint32_t highlight;        // white

    // pack(r, g, b) returns the pixel value of a colour on the target surface.
    template <typename Pack>
    static Theme make(Pack pack) {
        Theme t;
        t.desktop = pack(0, 128, 128);
        t.activeCaption = pack(0, 0, 128);
        t.activeCaptionText = pack(255, 255, 255);
        t.inactiveCaption = pack(255, 255, 255);
        t.inactiveCaptionText = pack(0, 0, 0);
        t.activeBorder = pack(192, 192, 192);
        t.inactiveBorder = pack(224, 224, 224);
        t.frame = pack(0, 0, 0);
        t.window = pack(255, 255, 255);
        t.windowText = pack(0, 0, 0);
        t.face = pack(192, 192, 192);
        t.shadow = pack(128, 128, 128);
        t.highlight = pack(255, 255, 255);
        return t;
    }
};

}  // namespace gui
