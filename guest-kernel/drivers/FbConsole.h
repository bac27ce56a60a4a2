// drivers/FbConsole: a text console drawn on the framebuffer with drivers/Font (8x16 cells;
// 128x48 at 1024x768). Interface: put() handles printable ASCII, '\n' (new line), '\r',
// '\b' (cursor left, no erase), '\t' (to the next multiple of 8); output past the last row
// scrolls the picture up one text row. A shadow copy of the cells lets the underline cursor
// be hidden by repainting the bottom rows of the character under it. Colours can change (the panic screen is
// white on red). Not thread-safe: JefeOS has one CPU and no interrupts yet.
#pragma once

#include <stdint.h>

#include "drivers/Framebuffer.h"

namespace drivers {

class FbConsole {
public:
    static constexpr uint32_t kMaxColumns = 256;
    static constexpr uint32_t kMaxRows = 128;

    explicit FbConsole(const Framebuffer& framebuffer);

    void put(char c);
    void clear();
    // Redraws the whole screen from the shadow cells (after something else, like the GUI,
    // drew on the framebuffer).
    void repaint();
    void setColors(uint32_t fg, uint32_t bg);
    uint32_t columns() const { return m_columns; }
    uint32_t rows() const { return m_rows; }
    Framebuffer& framebuffer() { return m_fb; }

private:
    void drawCell(uint32_t col, uint32_t row);
    void showCursor();
    void hideCursor();
    void newLine();

    Framebuffer m_fb;
    uint32_t m_columns;
    uint32_t m_rows;
    uint32_t m_col = 0;
    uint32_t m_row = 0;
    uint32_t m_fg;
    uint32_t m_bg;
    char m_cells[kMaxRows][kMaxColumns];
};

}  // namespace drivers
