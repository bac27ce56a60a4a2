// drivers/FbConsole: see FbConsole.h.
#include "drivers/FbConsole.h"

#include "drivers/Font.h"
#include "lib/String.h"

namespace drivers {

namespace {

constexpr uint32_t kTabWidth = 8;
constexpr int kCursorFirstLine = 14;  // the underline cursor covers glyph rows 14-15

uint32_t clampTo(uint32_t v, uint32_t max) { return v < max ? v : max; }

}  // namespace

FbConsole::FbConsole(const Framebuffer& framebuffer)
    : m_fb(framebuffer),
      m_columns(clampTo(framebuffer.width() / Font::kWidth, kMaxColumns)),
      m_rows(clampTo(framebuffer.height() / Font::kHeight, kMaxRows)),
      m_fg(framebuffer.rgb(0xD0, 0xD0, 0xD0)),
      m_bg(framebuffer.rgb(0x10, 0x10, 0x30)) {
    clear();
}

void FbConsole::setColors(uint32_t fg, uint32_t bg) {
    m_fg = fg;
    m_bg = bg;
}

void FbConsole::clear() {
    m_fb.fill(m_bg);
    memset(m_cells, ' ', sizeof(m_cells));
    m_col = 0;
    m_row = 0;
    showCursor();
}

void FbConsole::repaint() {
    m_fb.fill(m_bg);
    for (uint32_t row = 0; row < m_rows; row++) {
        for (uint32_t col = 0; col < m_columns; col++) {
            if (m_cells[row][col] != ' ') {
                drawCell(col, row);
            }
        }
    }
    showCursor();
}

void FbConsole::drawCell(uint32_t col, uint32_t row) {
    m_fb.drawGlyph(col * Font::kWidth, row * Font::kHeight, Font::glyph(m_cells[row][col]), m_fg, m_bg);
}

void FbConsole::showCursor() {
    if (m_col < m_columns) {
        m_fb.fillRect(m_col * Font::kWidth, m_row * Font::kHeight + kCursorFirstLine, Font::kWidth,
                      Font::kHeight - kCursorFirstLine, m_fg);
    }
}

void FbConsole::hideCursor() {
    // Only the underline rows need repainting from the cell's character.
    if (m_col < m_columns) {
        m_fb.drawGlyph(m_col * Font::kWidth, m_row * Font::kHeight, Font::glyph(m_cells[m_row][m_col]), m_fg, m_bg,
                       kCursorFirstLine, Font::kHeight - kCursorFirstLine);
    }
}

void FbConsole::newLine() {
    m_col = 0;
    if (m_row + 1 < m_rows) {
        m_row++;
        return;
    }
    m_fb.scrollUp(Font::kHeight, m_bg);
    memmove(m_cells[0], m_cells[1], sizeof(m_cells[0]) * (m_rows - 1));
    memset(m_cells[m_rows - 1], ' ', sizeof(m_cells[0]));
}

void FbConsole::put(char c) {
    hideCursor();
    switch (c) {
    case '\n':
        newLine();
        break;
    case '\r':
        m_col = 0;
        break;
    case '\b':
        if (m_col > 0) {
            m_col--;
        }
        break;
    case '\t':
        m_col = (m_col / kTabWidth + 1) * kTabWidth;
        if (m_col >= m_columns) {
            newLine();
        }
        break;
    default:
        if (m_col >= m_columns) {
            newLine();
        }
        m_cells[m_row][m_col] = c;
        drawCell(m_col, m_row);
        m_col++;
        break;
    }
    showCursor();
}

}  // namespace drivers
