// gui/EventQueue: a first-in first-out ring of events between the input sources (and the
// window manager itself, which posts Paint and Close) and the handlers that consume them.
// A full queue drops the new event and counts it. Single-threaded: the GUI loop fills and
// drains it; interrupt handlers feed the drivers' own queues, never this one.
#pragma once

#include <stdint.h>

#include "gui/Event.h"

namespace gui {

class EventQueue {
public:
    static constexpr int kCapacity = 128;

    bool post(const Event& e);
    // Removes the oldest event into *e; false when there is none.
    bool take(Event* e);
    bool empty() const { return m_count == 0; }
    int size() const { return m_count; }
    uint64_t dropped() const { return m_dropped; }

private:
    Event m_events[kCapacity];
    int m_head = 0;
    int m_count = 0;
    uint64_t m_dropped = 0;
};

}  // namespace gui
