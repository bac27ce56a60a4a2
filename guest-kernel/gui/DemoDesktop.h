// gui/DemoDesktop: the desktop that `gui` and `guii` show, laid out for 1024x768 — "About
// JefeOS" (an OK button closes it), "Clock" (uptime, updated by setUptime), "Notepad" (the
// keys typed while it is active appear on its last line) and, on top and active, "Counter"
// ("Clicked N times", a "Click me" button and a "Close" button that closes the window). Its
// caption is fully visible and clear of the pointer's starting place (the screen centre), so
// a test can find the navy title bar and drag it. describe() and the observer calls log the
// geometry and what the user did, one line each ("gui: ..."), for scripts that drive it.
// animate() plays the demo's script: Notepad glides along a path, About is minimised to an
// icon and restored, Clock is maximised and restored.
#pragma once

#include <stdint.h>

#include "gui/Button.h"
#include "gui/Label.h"
#include "gui/Window.h"
#include "gui/WindowManager.h"

namespace gui {

class DemoDesktop final : public WindowManagerObserver {
public:
    using Log = void (*)(const char* line);
    static constexpr uint64_t kScriptMs = 4000;

    DemoDesktop(WindowManager& wm, Log log);

    void open();
    void describe();
    void setUptime(uint64_t milliseconds);
    // Applies the demo script at `elapsed` ms since it started; returns false once it is over.
    bool animate(uint64_t elapsed);

    Window& counter() { return m_counter; }
    Window& notepad() { return m_notepad; }
    int clicks() const { return m_clicks; }
    const Label& counterLabel() const { return m_counterLabel; }
    const Label& typedLine() const { return m_typed; }

    void windowMoved(const Window& window) override;
    void windowClosed(const Window& window) override;

private:
    static void clickMe(void* self, Button& button);
    static void closeCounter(void* self, Button& button);
    static void closeAbout(void* self, Button& button);
    static void notepadKeys(void* self, Window& window, const Event& event);
    void logf(const char* fmt, ...) __attribute__((format(printf, 2, 3)));

    WindowManager& m_wm;
    Log m_log;
    int m_clicks = 0;
    int m_scriptStep = 0;
    uint64_t m_shownUptimeTenths = ~0ull;

    Window m_about;
    Label m_aboutTitle;
    Label m_aboutLine1;
    Label m_aboutLine2;
    Button m_aboutOk;

    Window m_clock;
    Label m_clockCaption;
    Label m_clockTime;

    Window m_notepad;
    Label m_notepadLine1;
    Label m_notepadLine2;
    Label m_typed;

    Window m_counter;
    Label m_counterLabel;
    Button m_clickMe;
    Button m_close;
};

}  // namespace gui
