// gui/DemoDesktop: see DemoDesktop.h.
#include "gui/DemoDesktop.h"

#include <stdarg.h>

#include "lib/Format.h"

namespace gui {

namespace {

// Notepad's path in the demo: corners visited in turn, straight lines between them.
constexpr Point kPath[] = {{60, 300}, {330, 180}, {520, 400}, {240, 440}, {60, 300}};
constexpr int kPathLegs = sizeof(kPath) / sizeof(kPath[0]) - 1;
constexpr uint64_t kGlideMs = 2000;

// The script after the glide: at each time, one state change.
enum class Step { MinimiseAbout, MaximiseClock, RestoreClock, RestoreAbout };
struct Cue {
    uint64_t at;
    Step step;
};
constexpr Cue kCues[] = {{2100, Step::MinimiseAbout},
                         {2500, Step::MaximiseClock},
                         {3000, Step::RestoreClock},
                         {3400, Step::RestoreAbout}};
constexpr int kCueCount = sizeof(kCues) / sizeof(kCues[0]);

}  // namespace

DemoDesktop::DemoDesktop(WindowManager& wm, Log log)
    : m_wm(wm),
      m_log(log),
      m_about("About JefeOS", {40, 40, 360, 190}),
      m_aboutTitle({20, 12, 320, 16}, "JefeOS"),
      m_aboutLine1({20, 36, 320, 16}, "A C++20 hobby kernel"),
      m_aboutLine2({20, 56, 320, 16}, "running on JefeVM."),
      m_aboutOk({136, 100, 80, 28}, "OK", closeAbout, this),
      m_clock("Clock", {640, 40, 300, 120}),
      m_clockCaption({20, 14, 260, 16}, "Time since boot"),
      m_clockTime({20, 40, 260, 16}, ""),
      m_notepad("Notepad", {60, 300, 420, 300}),
      m_notepadLine1({12, 10, 396, 16}, "Activate this window and type:"),
      m_notepadLine2({12, 30, 396, 16}, "(Backspace erases, Esc leaves)"),
      m_typed({12, 60, 396, 16}, ""),
      m_counter("Counter", {560, 330, 320, 170}),
      m_counterLabel({20, 20, 280, 16}, "Clicked 0 times"),
      m_clickMe({20, 70, 120, 32}, "Click me", clickMe, this),
      m_close({180, 70, 120, 32}, "Close", closeCounter, this) {
    m_about.add(&m_aboutTitle);
    m_about.add(&m_aboutLine1);
    m_about.add(&m_aboutLine2);
    m_about.add(&m_aboutOk);
    m_clock.add(&m_clockCaption);
    m_clock.add(&m_clockTime);
    m_notepad.add(&m_notepadLine1);
    m_notepad.add(&m_notepadLine2);
    m_notepad.add(&m_typed);
    m_notepad.setHandler(notepadKeys, this);
    m_counter.add(&m_counterLabel);
    m_counter.add(&m_clickMe);
    m_counter.add(&m_close);
}

void DemoDesktop::logf(const char* fmt, ...) {
    char line[160];
    va_list args;
    va_start(args, fmt);
    lib::vformatToBuffer(line, sizeof(line), fmt, args);
    va_end(args);
    if (m_log != nullptr) {
        m_log(line);
    }
}

void DemoDesktop::open() {
    m_wm.setObserver(this);
    m_wm.add(&m_about);
    m_wm.add(&m_clock);
    m_wm.add(&m_notepad);
    m_wm.add(&m_counter);  // last: on top and active
}

void DemoDesktop::describe() {
    for (int i = 0; i < m_wm.count(); i++) {
        const Window& w = *m_wm.at(i);
        Rect f = w.frame();
        logf("gui: window '%s' frame %d %d %d %d%s\n", w.title(), f.x, f.y, f.w, f.h,
             &w == m_wm.active() ? " active" : "");
    }
    const Button* buttons[] = {&m_clickMe, &m_close};
    for (const Button* b : buttons) {
        Rect r = m_counter.controlRect(*b);
        logf("gui: button '%s' in 'Counter' at %d %d %d %d\n", b->caption(), r.x, r.y, r.w, r.h);
    }
    Rect label = m_counter.controlRect(m_counterLabel);
    logf("gui: label in 'Counter' at %d %d %d %d\n", label.x, label.y, label.w, label.h);
}

void DemoDesktop::setUptime(uint64_t milliseconds) {
    uint64_t tenths = milliseconds / 100;
    if (tenths == m_shownUptimeTenths) {
        return;
    }
    m_shownUptimeTenths = tenths;
    char text[Label::kMaxText + 1];
    lib::formatToBuffer(text, sizeof(text), "Uptime: %lu.%lu s", static_cast<unsigned long>(tenths / 10),
                        static_cast<unsigned long>(tenths % 10));
    m_clockTime.setText(text);
    m_wm.invalidate(m_clockTime, m_clock);
}

bool DemoDesktop::animate(uint64_t elapsed) {
    if (elapsed < kGlideMs) {
        uint64_t legMs = kGlideMs / kPathLegs;
        int leg = static_cast<int>(elapsed / legMs);
        int t = static_cast<int>(elapsed % legMs);
        int span = static_cast<int>(legMs);
        Point a = kPath[leg];
        Point b = kPath[leg + 1];
        m_wm.moveTo(&m_notepad, {a.x + (b.x - a.x) * t / span, a.y + (b.y - a.y) * t / span});
    } else if (m_scriptStep == 0) {
        m_wm.moveTo(&m_notepad, kPath[kPathLegs]);
    }
    while (m_scriptStep < kCueCount && elapsed >= kCues[m_scriptStep].at) {
        switch (kCues[m_scriptStep].step) {
        case Step::MinimiseAbout:
            m_wm.minimise(&m_about);
            break;
        case Step::MaximiseClock:
            m_wm.maximise(&m_clock);
            break;
        case Step::RestoreClock:
            m_wm.restore(&m_clock);
            break;
        case Step::RestoreAbout:
            m_wm.restore(&m_about);
            break;
        }
        m_scriptStep++;
    }
    return elapsed < kScriptMs;
}

void DemoDesktop::windowMoved(const Window& window) {
    Rect f = window.frame();
    logf("gui: moved '%s' to %d %d\n", window.title(), f.x, f.y);
}

void DemoDesktop::windowClosed(const Window& window) { logf("gui: closed '%s'\n", window.title()); }

void DemoDesktop::clickMe(void* self, Button&) {
    auto* d = static_cast<DemoDesktop*>(self);
    d->m_clicks++;
    char text[Label::kMaxText + 1];
    lib::formatToBuffer(text, sizeof(text), "Clicked %d time%s", d->m_clicks, d->m_clicks == 1 ? "" : "s");
    d->m_counterLabel.setText(text);
    d->m_wm.invalidate(d->m_counterLabel, d->m_counter);
    d->logf("gui: 'Click me' clicked, count %d\n", d->m_clicks);
}

void DemoDesktop::closeCounter(void* self, Button&) {
    auto* d = static_cast<DemoDesktop*>(self);
    d->m_wm.requestClose(&d->m_counter);
}

void DemoDesktop::closeAbout(void* self, Button&) {
    auto* d = static_cast<DemoDesktop*>(self);
    d->m_wm.requestClose(&d->m_about);
}

void DemoDesktop::notepadKeys(void* self, Window&, const Event& event) {
    auto* d = static_cast<DemoDesktop*>(self);
    if (event.type != EventType::KeyDown || event.ascii == 0) {
        return;
    }
    bool changed = false;
    if (event.ascii == 0x7f || event.ascii == '\b') {
        changed = d->m_typed.erase();
    } else if (event.ascii >= ' ' && event.ascii < 0x7f) {
        changed = d->m_typed.append(event.ascii);
    }
    if (changed) {
        d->m_wm.invalidate(d->m_typed, d->m_notepad);
    }
}

}  // namespace gui
