// gui/DirtyRegion: see DirtyRegion.h.
#include "gui/DirtyRegion.h"

namespace gui {

void DirtyRegion::add(Rect r) {
    r = r.intersect(m_screen);
    if (r.empty()) {
        return;
    }
    // Merging can make the grown rectangle overlap others listed before: rescan until stable.
    bool merged = true;
    while (merged) {
        merged = false;
        for (int i = 0; i < m_count; i++) {
            if (m_rects[i].contains(r)) {
                return;
            }
            if (m_rects[i].intersects(r)) {
                r = r.unite(m_rects[i]);
                removeAt(i);
                merged = true;
                break;
            }
        }
    }
    if (m_count == kMaxRects) {
        r = r.unite(bounds());
        m_count = 0;
    }
    m_rects[m_count++] = r;
}

Rect DirtyRegion::bounds() const {
    Rect all;
    for (int i = 0; i < m_count; i++) {
        all = all.unite(m_rects[i]);
    }
    return all;
}

void DirtyRegion::removeAt(int i) {
    m_rects[i] = m_rects[m_count - 1];
    m_count--;
}

}  // namespace gui
