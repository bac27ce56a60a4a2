// tests/GuiTest: the GUI's building blocks — rectangles, the dirty region, the event queue,
// drawing, the pointer's save-under, button semantics, mouse and keyboard event sources,
// and the compositor's dirty-rectangle copies.
#include <vector>

#include "gui/Button.h"
#include "gui/Canvas.h"
#include "gui/Compositor.h"
#include "gui/Cursor.h"
#include "gui/DirtyRegion.h"
#include "gui/EventQueue.h"
#include "gui/Keyboard.h"
#include "gui/Pointer.h"
#include "tests/Test.h"

namespace {

using gui::Rect;

struct Surface {
    std::vector<uint32_t> pixels;
    gui::Canvas canvas;
    Surface(int w, int h, uint32_t fill = 0)
        : pixels(static_cast<size_t>(w) * h, fill), canvas(pixels.data(), w, h, w) {}
};

int clicks = 0;
void countClick(void*, gui::Button&) { clicks++; }

}  // namespace

TEST(rect_intersectAndUnite_coverTheRightArea) {
    Rect a{0, 0, 10, 10};
    Rect b{5, 5, 10, 10};
    EXPECT_TRUE((a.intersect(b) == Rect{5, 5, 5, 5}));
    EXPECT_TRUE((a.unite(b) == Rect{0, 0, 15, 15}));
    EXPECT_TRUE(a.intersect({20, 20, 5, 5}).empty());
    EXPECT_TRUE((Rect{}.unite(b) == b));
}

TEST(rect_contains_isHalfOpen) {
    Rect r{10, 10, 5, 5};
    EXPECT_TRUE(r.contains(gui::Point{10, 10}));
    EXPECT_TRUE(r.contains(gui::Point{14, 14}));
    EXPECT_TRUE(!r.contains(gui::Point{15, 10}));
}

TEST(dirtyRegion_overlappingRects_mergeIntoTheirUnion) {
    gui::DirtyRegion d({0, 0, 100, 100});
    d.add({0, 0, 10, 10});
    d.add({5, 5, 10, 10});
    EXPECT_EQ(1, d.count());
    EXPECT_TRUE((d.rect(0) == Rect{0, 0, 15, 15}));
}

TEST(dirtyRegion_disjointRects_stayApart) {
    gui::DirtyRegion d({0, 0, 100, 100});
    d.add({0, 0, 10, 10});
    d.add({50, 50, 10, 10});
    EXPECT_EQ(2, d.count());
    EXPECT_TRUE((d.bounds() == Rect{0, 0, 60, 60}));
}

TEST(dirtyRegion_mergeThatReachesAThirdRect_absorbsItToo) {
    gui::DirtyRegion d({0, 0, 100, 100});
    d.add({0, 0, 10, 10});
    d.add({30, 0, 10, 10});
    d.add({5, 0, 30, 5});  // bridges both
    EXPECT_EQ(1, d.count());
    EXPECT_TRUE((d.rect(0) == Rect{0, 0, 40, 10}));
}

TEST(dirtyRegion_containedRect_isDropped_andRectsAreClippedToTheScreen) {
    gui::DirtyRegion d({0, 0, 100, 100});
    d.add({-10, -10, 50, 50});
    d.add({5, 5, 5, 5});
    EXPECT_EQ(1, d.count());
    EXPECT_TRUE((d.rect(0) == Rect{0, 0, 40, 40}));
    d.add({200, 200, 5, 5});
    EXPECT_EQ(1, d.count());
}

TEST(dirtyRegion_full_collapsesIntoTheBoundingBox) {
    gui::DirtyRegion d({0, 0, 1000, 100});
    for (int i = 0; i <= gui::DirtyRegion::kMaxRects; i++) {
        d.add({i * 20, 0, 10, 10});
    }
    EXPECT_EQ(1, d.count());
    EXPECT_TRUE((d.rect(0) == Rect{0, 0, gui::DirtyRegion::kMaxRects * 20 + 10, 10}));
}

TEST(eventQueue_takesEventsInPostingOrder) {
    gui::EventQueue q;
    q.post(gui::Event::mouse(gui::EventType::MouseMove, {1, 2}));
    q.post(gui::Event::mouse(gui::EventType::MouseDown, {1, 2}, 1));
    q.post(gui::Event::key(gui::EventType::KeyDown, 0x1e, 'a'));
    gui::Event e;
    EXPECT_TRUE(q.take(&e) && e.type == gui::EventType::MouseMove);
    EXPECT_TRUE(q.take(&e) && e.type == gui::EventType::MouseDown && e.button == 1);
    EXPECT_TRUE(q.take(&e) && e.type == gui::EventType::KeyDown && e.ascii == 'a');
    EXPECT_TRUE(!q.take(&e));
}

TEST(eventQueue_full_dropsNewEventsAndCountsThem) {
    gui::EventQueue q;
    for (int i = 0; i < gui::EventQueue::kCapacity + 3; i++) {
        q.post(gui::Event::mouse(gui::EventType::MouseMove, {i, 0}));
    }
    EXPECT_EQ(gui::EventQueue::kCapacity, q.size());
    EXPECT_EQ(3u, q.dropped());
    gui::Event e;
    q.take(&e);
    EXPECT_EQ(0, e.pos.x);
}

TEST(canvas_fillRect_staysInsideTheClip) {
    Surface s(20, 20);
    s.canvas.setClip({5, 5, 5, 5});
    s.canvas.fillRect({0, 0, 20, 20}, 7);
    EXPECT_EQ(7u, s.canvas.pixel(5, 5));
    EXPECT_EQ(7u, s.canvas.pixel(9, 9));
    EXPECT_EQ(0u, s.canvas.pixel(10, 10));
    EXPECT_EQ(0u, s.canvas.pixel(4, 5));
}

TEST(canvas_text_drawsGlyphPixelsOnlyAndClipsOffScreen) {
    Surface s(16, 16);
    s.canvas.text(0, 0, "H", 9);
    int lit = 0;
    for (int y = 0; y < 16; y++) {
        for (int x = 0; x < 8; x++) {
            lit += s.canvas.pixel(x, y) == 9 ? 1 : 0;
        }
    }
    EXPECT_TRUE(lit > 10);
    EXPECT_EQ(0u, s.canvas.pixel(0, 0));  // the glyph's blank top row stays as it was
    s.canvas.text(12, -8, "HH", 9);       // partly off the surface: must not write outside
    EXPECT_EQ(8, gui::Canvas::textWidth("H"));
}

TEST(cursor_hide_restoresThePixelsItCovered) {
    Surface s(40, 40);
    for (size_t i = 0; i < s.pixels.size(); i++) {
        s.pixels[i] = static_cast<uint32_t>(i);
    }
    std::vector<uint32_t> before = s.pixels;
    gui::Cursor c(0xff, 0xee);
    c.show(s.canvas, {30, 30});  // partly off the surface
    EXPECT_EQ(0xffu, s.canvas.pixel(30, 30));
    EXPECT_TRUE(s.pixels != before);
    c.hide(s.canvas);
    EXPECT_TRUE(s.pixels == before);
}

TEST(button_click_firesOnlyOnReleaseInside) {
    clicks = 0;
    gui::Button b({0, 0, 10, 10}, "OK", countClick, nullptr);
    EXPECT_TRUE(b.press());
    EXPECT_TRUE(b.pressed());
    EXPECT_EQ(0, clicks);
    EXPECT_TRUE(b.release(true));
    EXPECT_EQ(1, clicks);
    EXPECT_TRUE(!b.pressed());
}

TEST(button_draggedOffAndReleased_popsUpAndDoesNotFire) {
    clicks = 0;
    gui::Button b({0, 0, 10, 10}, "OK", countClick, nullptr);
    b.press();
    EXPECT_TRUE(b.track(false));
    EXPECT_TRUE(!b.pressed());
    EXPECT_TRUE(b.track(true));
    EXPECT_TRUE(b.pressed());
    b.track(false);
    EXPECT_TRUE(!b.release(false));
    EXPECT_EQ(0, clicks);
}

TEST(button_releaseWithoutPress_doesNothing) {
    clicks = 0;
    gui::Button b({0, 0, 10, 10}, "OK", countClick, nullptr);
    EXPECT_TRUE(!b.track(true));
    EXPECT_TRUE(!b.release(true));
    EXPECT_EQ(0, clicks);
}

TEST(pointer_movesByDeltasOneToOne_andClampsToTheScreen) {
    gui::EventQueue q;
    gui::Pointer p({0, 0, 100, 80});
    EXPECT_EQ(50, p.position().x);
    EXPECT_EQ(40, p.position().y);
    p.report(7, -3, 0, q);
    EXPECT_EQ(57, p.position().x);
    EXPECT_EQ(37, p.position().y);
    p.report(500, 500, 0, q);
    EXPECT_EQ(99, p.position().x);
    EXPECT_EQ(79, p.position().y);
    p.report(-500, -500, 0, q);
    EXPECT_EQ(0, p.position().x);
    EXPECT_EQ(0, p.position().y);
    EXPECT_EQ(3, q.size());
}

TEST(pointer_buttonChange_postsMoveThenDownThenUp) {
    gui::EventQueue q;
    gui::Pointer p({0, 0, 100, 80});
    p.report(1, 1, gui::Pointer::kLeft, q);
    p.report(0, 0, gui::Pointer::kLeft, q);  // nothing changed
    p.report(0, 0, 0, q);
    gui::Event e;
    EXPECT_TRUE(q.take(&e) && e.type == gui::EventType::MouseMove);
    EXPECT_TRUE(q.take(&e) && e.type == gui::EventType::MouseDown && e.button == 1 && e.pos.x == 51);
    EXPECT_TRUE(q.take(&e) && e.type == gui::EventType::MouseUp && e.button == 1);
    EXPECT_TRUE(!q.take(&e));
}

TEST(keyboard_makeAndBreak_becomeKeyDownAndUp_withTheTypedCharacter) {
    gui::EventQueue q;
    gui::Keyboard k;
    for (uint8_t b : {0x2a, 0x1e, 0x9e, 0xaa, 0x01, 0xe0, 0x48, 0xe0, 0xc8}) {  // Shift+A, Esc, Up
        k.feed(b, q);
    }
    gui::Event e;
    EXPECT_TRUE(q.take(&e) && e.type == gui::EventType::KeyDown && e.scancode == 0x2a);
    EXPECT_TRUE(q.take(&e) && e.type == gui::EventType::KeyDown && e.scancode == 0x1e && e.ascii == 'A');
    EXPECT_TRUE(q.take(&e) && e.type == gui::EventType::KeyUp && e.scancode == 0x1e && e.ascii == 0);
    EXPECT_TRUE(q.take(&e) && e.type == gui::EventType::KeyUp && e.scancode == 0x2a);
    EXPECT_TRUE(q.take(&e) && e.type == gui::EventType::KeyDown && e.scancode == gui::Keyboard::kEscape);
    EXPECT_TRUE(q.take(&e) && e.type == gui::EventType::KeyDown && e.scancode == 0xe048);
    EXPECT_TRUE(q.take(&e) && e.type == gui::EventType::KeyUp && e.scancode == 0xe048);
    EXPECT_TRUE(!q.take(&e));
}

TEST(keyboard_pauseSequence_isSwallowed) {
    gui::EventQueue q;
    gui::Keyboard k;
    for (uint8_t b : {0xe1, 0x1d, 0x45, 0xe1, 0x9d, 0xc5}) {
        k.feed(b, q);
    }
    EXPECT_TRUE(q.empty());
}
