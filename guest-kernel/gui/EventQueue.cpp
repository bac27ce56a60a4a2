// gui/EventQueue: see EventQueue.h.
#include "gui/EventQueue.h"

namespace gui {

bool EventQueue::post(const Event& e) {
    if (m_count == kCapacity) {
        m_dropped++;
        return false;
    }
    m_events[(m_head + m_count) % kCapacity] = e;
    m_count++;
    return true;
}

bool EventQueue::take(Event* e) {
    if (m_count == 0) {
        return false;
    }
    *e = m_events[m_head];
    m_head = (m_head + 1) % kCapacity;
    m_count--;
    return true;
}

}  // namespace gui
