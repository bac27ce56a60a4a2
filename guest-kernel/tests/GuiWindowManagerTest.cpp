// tests/GuiWindowManagerTest: the window manager's logic — hit testing, z-order on click,
// dragging by the pointer's delta with clamping, maximise/restore/minimise geometry, close,
// and the demo desktop's promises (what a whole-system test relies on) — plus the
// compositor's dirty-rectangle copies.
#include <string>
#include <vector>

#include "gui/Compositor.h"
#include "gui/DemoDesktop.h"
#include "gui/Label.h"
#include "gui/Pointer.h"
#include "gui/WindowManager.h"
#include "tests/Test.h"

namespace {

using gui::Event;
using gui::EventType;
using gui::Point;
using gui::Rect;
using gui::Window;
using gui::WindowPart;
using gui::WindowState;

uint32_t pack(uint8_t r, uint8_t g, uint8_t b) { return (uint32_t{r} << 16) | (uint32_t{g} << 8) | b; }

constexpr Rect kScreen{0, 0, 1024, 768};

struct Desk {
    gui::Theme theme = gui::Theme::make(pack);
    gui::EventQueue queue;
    gui::DirtyRegion dirty{kScreen};
    gui::WindowManager wm{kScreen, theme, queue, dirty};

    void click(Point p) {
        wm.dispatch(Event::mouse(EventType::MouseDown, p, 1));
        wm.dispatch(Event::mouse(EventType::MouseUp, p, 1));
        wm.dispatchAll();
    }
    void drag(Point from, Point to) {
        wm.dispatch(Event::mouse(EventType::MouseDown, from, 1));
        wm.dispatch(Event::mouse(EventType::MouseMove, to));
        wm.dispatch(Event::mouse(EventType::MouseUp, to, 1));
        wm.dispatchAll();
    }
};

Point inside(Rect r) { return {r.x + r.w / 2, r.y + r.h / 2}; }
// A caption point clear of the title text and the caption buttons.
Point captionGrip(const Window& w) { return {w.titleArea().x + 5, w.titleArea().y + 10}; }

std::vector<std::string> g_log;
void record(const char* line) { g_log.emplace_back(line); }

}  // namespace

TEST(window_hitTest_namesEveryPart) {
    Window w("Test", {100, 100, 300, 200});
    EXPECT_TRUE(w.hitTest({100, 100}) == WindowPart::Border);
    EXPECT_TRUE(w.hitTest(inside(w.systemMenuBox())) == WindowPart::SystemMenu);
    EXPECT_TRUE(w.hitTest(inside(w.minimiseBox())) == WindowPart::Minimise);
    EXPECT_TRUE(w.hitTest(inside(w.maximiseBox())) == WindowPart::Maximise);
    EXPECT_TRUE(w.hitTest(inside(w.titleArea())) == WindowPart::Caption);
    EXPECT_TRUE(w.hitTest(inside(w.clientRect())) == WindowPart::Client);
    EXPECT_TRUE(w.hitTest({99, 150}) == WindowPart::None);
    EXPECT_TRUE(w.hitTest({399, 299}) == WindowPart::Border);
    EXPECT_TRUE(w.minimiseBox().right() == w.maximiseBox().x);
    EXPECT_TRUE(w.maximiseBox().right() == w.frame().right() - gui::Theme::kBorder);
}

TEST(windowManager_windowAt_findsTheTopmostWindow) {
    Desk d;
    Window a("A", {0, 0, 200, 200});
    Window b("B", {100, 100, 200, 200});
    d.wm.add(&a);
    d.wm.add(&b);
    EXPECT_TRUE(d.wm.windowAt({150, 150}) == &b);
    EXPECT_TRUE(d.wm.windowAt({50, 50}) == &a);
    EXPECT_TRUE(d.wm.windowAt({500, 500}) == nullptr);
}

TEST(windowManager_clickOnLowerWindow_raisesAndActivatesIt) {
    Desk d;
    Window a("A", {0, 0, 200, 200});
    Window b("B", {100, 100, 200, 200});
    d.wm.add(&a);
    d.wm.add(&b);
    EXPECT_TRUE(d.wm.active() == &b);
    d.dirty.clear();
    d.click({50, 150});
    EXPECT_TRUE(d.wm.active() == &a);
    EXPECT_TRUE(d.wm.at(1) == &a);
    EXPECT_TRUE(d.wm.at(0) == &b);
    EXPECT_TRUE(d.wm.windowAt({150, 150}) == &a);
    EXPECT_TRUE(d.dirty.bounds().contains(a.frame()));
    EXPECT_TRUE(d.dirty.bounds().contains(b.captionRect()));  // b's caption turns inactive
}

TEST(windowManager_captionDrag_movesTheWindowByThePointerDelta) {
    Desk d;
    Window a("A", {100, 100, 300, 200});
    d.wm.add(&a);
    Point grip = captionGrip(a);
    d.wm.dispatch(Event::mouse(EventType::MouseDown, grip, 1));
    EXPECT_TRUE(d.wm.dragging());
    d.wm.dispatch(Event::mouse(EventType::MouseMove, {grip.x + 37, grip.y - 20}));
    d.wm.dispatch(Event::mouse(EventType::MouseMove, {grip.x + 50, grip.y + 60}));
    d.wm.dispatch(Event::mouse(EventType::MouseUp, {grip.x + 50, grip.y + 60}, 1));
    EXPECT_TRUE(!d.wm.dragging());
    EXPECT_TRUE((a.frame() == Rect{150, 160, 300, 200}));
}

TEST(windowManager_drag_marksOldAndNewAreasDirty) {
    Desk d;
    Window a("A", {100, 100, 300, 200});
    d.wm.add(&a);
    d.dirty.clear();
    d.drag(captionGrip(a), {captionGrip(a).x + 500, captionGrip(a).y});
    EXPECT_EQ(2, d.dirty.count());
    EXPECT_TRUE(d.dirty.bounds().contains(Rect{100, 100, 300, 200}));
    EXPECT_TRUE(d.dirty.bounds().contains(a.frame()));
}

TEST(windowManager_drag_clampsSoTheCaptionStaysReachable) {
    Desk d;
    Window a("A", {100, 100, 300, 200});
    d.wm.add(&a);
    d.drag(captionGrip(a), {-2000, -2000});
    EXPECT_EQ(gui::WindowManager::kKeepVisible - 300, a.frame().x);
    EXPECT_EQ(0, a.frame().y);
    d.drag(captionGrip(a), {5000, 5000});
    EXPECT_EQ(1024 - gui::WindowManager::kKeepVisible, a.frame().x);
    EXPECT_EQ(768 - gui::Theme::kBorder - gui::Theme::kCaption, a.frame().y);
}

TEST(windowManager_maximiseAndRestore_returnToTheSameFrame) {
    Desk d;
    Window a("A", {100, 100, 300, 200});
    d.wm.add(&a);
    d.click(inside(a.maximiseBox()));
    EXPECT_TRUE(a.state() == WindowState::Maximised);
    EXPECT_TRUE(a.frame() == kScreen);
    d.drag(captionGrip(a), {600, 600});  // a maximised window does not move
    EXPECT_TRUE(a.frame() == kScreen);
    d.click(inside(a.maximiseBox()));
    EXPECT_TRUE(a.state() == WindowState::Normal);
    EXPECT_TRUE((a.frame() == Rect{100, 100, 300, 200}));
}

TEST(windowManager_minimise_showsAnIcon_andAClickOnItRestores) {
    Desk d;
    Window a("A", {100, 100, 300, 200});
    Window b("B", {500, 100, 300, 200});
    d.wm.add(&a);
    d.wm.add(&b);
    d.click(inside(b.minimiseBox()));
    EXPECT_TRUE(b.state() == WindowState::Minimised);
    EXPECT_TRUE(d.wm.active() == &a);
    EXPECT_TRUE(d.wm.windowAt(inside(b.frame())) == nullptr);
    Rect icon = d.wm.iconRect(&b);
    EXPECT_TRUE(icon.bottom() <= 768 && icon.y >= 768 - gui::Theme::kIconAreaHeight);
    EXPECT_TRUE(d.wm.iconAt(inside(icon)) == &b);
    d.click(inside(icon));
    EXPECT_TRUE(b.state() == WindowState::Normal);
    EXPECT_TRUE((b.frame() == Rect{500, 100, 300, 200}));
    EXPECT_TRUE(d.wm.active() == &b);
}

TEST(windowManager_captionButton_releasedElsewhere_doesNothing) {
    Desk d;
    Window a("A", {100, 100, 300, 200});
    d.wm.add(&a);
    d.wm.dispatch(Event::mouse(EventType::MouseDown, inside(a.minimiseBox()), 1));
    d.wm.dispatch(Event::mouse(EventType::MouseUp, {700, 700}, 1));
    EXPECT_TRUE(a.state() == WindowState::Normal);
}

TEST(windowManager_systemMenuBox_closesTheWindowAndActivatesTheNext) {
    Desk d;
    Window a("A", {100, 100, 300, 200});
    Window b("B", {150, 150, 300, 200});
    d.wm.add(&a);
    d.wm.add(&b);
    d.click(inside(b.systemMenuBox()));
    EXPECT_EQ(1, d.wm.count());
    EXPECT_TRUE(d.wm.active() == &a);
}

TEST(windowManager_keys_goToTheActiveWindowsHandler) {
    Desk d;
    static int keys = 0;
    Window a("A", {100, 100, 300, 200});
    Window b("B", {500, 100, 300, 200});
    a.setHandler([](void*, Window&, const Event& e) { keys += e.type == EventType::KeyDown ? 1 : 0; }, nullptr);
    d.wm.add(&a);
    d.wm.add(&b);
    d.wm.dispatch(Event::key(EventType::KeyDown, 0x1e, 'a'));
    EXPECT_EQ(0, keys);
    d.click(inside(a.clientRect()));
    d.wm.dispatch(Event::key(EventType::KeyDown, 0x1e, 'a'));
    EXPECT_EQ(1, keys);
}

TEST(demoDesktop_counterIsActiveOnTopFullyVisible_withRoomToGrabItsCaption) {
    Desk d;
    gui::DemoDesktop demo(d.wm, nullptr);
    demo.open();
    Window& c = demo.counter();
    EXPECT_TRUE(d.wm.active() == &c);
    EXPECT_TRUE(d.wm.at(d.wm.count() - 1) == &c);
    EXPECT_TRUE(kScreen.contains(c.frame()));
    int freeLeft = (c.titleArea().w - gui::Canvas::textWidth(c.title())) / 2;
    EXPECT_TRUE(freeLeft >= 40);
    EXPECT_TRUE(!c.frame().contains(gui::Pointer(kScreen).position()));
    EXPECT_TRUE(d.wm.windowAt(gui::Pointer(kScreen).position()) == nullptr);
}

TEST(demoDesktop_clickMe_countsAndCloseClosesTheCounter) {
    Desk d;
    g_log.clear();
    gui::DemoDesktop demo(d.wm, record);
    demo.open();
    Window& c = demo.counter();
    Rect clickMe = c.controlRect(*c.control(1));
    d.click(inside(clickMe));
    d.click(inside(clickMe));
    EXPECT_EQ(2, demo.clicks());
    EXPECT_STREQ("Clicked 2 times", demo.counterLabel().text());
    // Pressed inside, released outside: no click.
    d.wm.dispatch(Event::mouse(EventType::MouseDown, inside(clickMe), 1));
    d.wm.dispatch(Event::mouse(EventType::MouseMove, {clickMe.x - 30, clickMe.y}));
    d.wm.dispatch(Event::mouse(EventType::MouseUp, {clickMe.x - 30, clickMe.y}, 1));
    EXPECT_EQ(2, demo.clicks());
    d.click(inside(c.controlRect(*c.control(2))));
    EXPECT_EQ(3, d.wm.count());
    EXPECT_TRUE(d.wm.active() == &demo.notepad());
    EXPECT_STREQ("gui: closed 'Counter'\n", g_log.back().c_str());
}

TEST(demoDesktop_typingInNotepad_appendsToItsLastLine) {
    Desk d;
    gui::DemoDesktop demo(d.wm, nullptr);
    demo.open();
    d.click(inside(demo.notepad().clientRect()));
    for (char ch : {'h', 'i', '!', '\x7f'}) {
        d.wm.dispatch(Event::key(EventType::KeyDown, 0, ch));
    }
    EXPECT_STREQ("hi", demo.typedLine().text());
}

TEST(demoDesktop_script_endsWithEveryWindowBackInPlace) {
    Desk d;
    gui::DemoDesktop demo(d.wm, nullptr);
    demo.open();
    Rect notepad = demo.notepad().frame();
    bool movedAway = false;
    for (uint64_t t = 0; demo.animate(t); t += 20) {
        movedAway = movedAway || !(demo.notepad().frame() == notepad);
    }
    EXPECT_TRUE(movedAway);
    EXPECT_TRUE(demo.notepad().frame() == notepad);
    for (int i = 0; i < d.wm.count(); i++) {
        EXPECT_TRUE(d.wm.at(i)->state() == WindowState::Normal);
    }
}

TEST(compositor_present_copiesOnlyDirtyRectsAndDrawsThePointerLast) {
    Desk d;
    std::vector<uint32_t> back(1024 * 768), front(1024 * 768, 0x123456);
    gui::Canvas backCanvas(back.data(), 1024, 768, 1024);
    gui::Canvas screen(front.data(), 1024, 768, 1024);
    gui::Cursor cursor(0, 0xffffff);
    gui::Compositor comp(backCanvas, screen, d.dirty, d.wm, cursor);
    d.dirty.add({0, 0, 10, 10});
    EXPECT_EQ(100, comp.present({500, 500}));
    EXPECT_EQ(pack(0, 128, 128), screen.pixel(9, 9));  // teal desktop
    EXPECT_EQ(0x123456u, screen.pixel(10, 10));         // not dirty: untouched
    EXPECT_EQ(0u, screen.pixel(500, 500));              // the arrow's tip
    EXPECT_EQ(0, comp.present({500, 500}));             // nothing changed
    EXPECT_EQ(0, comp.present({600, 500}));             // pointer only: no copy
    EXPECT_EQ(0x123456u, screen.pixel(500, 500));       // save-under restored
}

TEST(compositor_activeWindow_hasASolidNavyCaption) {
    Desk d;
    std::vector<uint32_t> back(1024 * 768), front(1024 * 768);
    gui::Canvas backCanvas(back.data(), 1024, 768, 1024);
    gui::Canvas screen(front.data(), 1024, 768, 1024);
    gui::Cursor cursor(0, 0xffffff);
    gui::Compositor comp(backCanvas, screen, d.dirty, d.wm, cursor);
    Window a("A", {100, 100, 300, 200});
    Window b("B", {600, 100, 300, 200});
    d.wm.add(&a);
    d.wm.add(&b);
    d.dirty.addAll();
    comp.present({0, 700});
    Point grip = captionGrip(b);
    EXPECT_EQ(pack(0, 0, 128), screen.pixel(grip.x, grip.y));
    EXPECT_EQ(pack(255, 255, 255), screen.pixel(captionGrip(a).x, captionGrip(a).y));
    EXPECT_EQ(pack(0, 128, 128), screen.pixel(5, 5));
}

TEST(windowManager_invalidate_postsAPaintEventThatMarksTheWindowDirty) {
    Desk d;
    Window a("A", {100, 100, 300, 200});
    d.wm.add(&a);
    d.dirty.clear();
    d.wm.invalidate(&a);
    EXPECT_EQ(1, d.queue.size());
    EXPECT_TRUE(d.dirty.empty());
    d.wm.dispatchAll();
    EXPECT_TRUE(d.dirty.bounds() == a.frame());
}
