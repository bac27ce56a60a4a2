// tests/PhysicalMemoryManagerTest: the frame bitmap over a fake memory map whose "physical"
// memory is a host buffer (the HHDM offset maps physical 1 MiB onto the buffer).
#include "mm/PhysicalMemoryManager.h"

#include <cstdint>

#include "tests/Test.h"

namespace {

using namespace boot::limine;

constexpr uint64_t kMiB = 0x100000;
alignas(4096) unsigned char g_memory[2 * kMiB];  // stands for physical [1 MiB, 3 MiB)

struct FakeMap {
    MemoryMapEntry entries[4] = {
        {0x1000, 0x7F000, kMemoryUsable},              // low memory: never handed out
        {0xE0000, 0x20000, kMemoryAcpiReclaimable},
        {kMiB, kMiB, kMemoryUsable},                  // [1 MiB, 2 MiB)
        {2 * kMiB, kMiB, kMemoryBootloaderReclaimable},  // not ours to hand out
    };
    MemoryMapEntry* pointers[4] = {&entries[0], &entries[1], &entries[2], &entries[3]};
    MemoryMapResponse response = {0, 4, pointers};
};

uint64_t hhdmForBuffer() { return reinterpret_cast<uint64_t>(g_memory) - kMiB; }

}  // namespace

TEST(pmm_initialize_countsUsableFramesAboveOneMiBOnly) {
    FakeMap map;
    auto result = mm::PhysicalMemoryManager::initialize(map.response, hhdmForBuffer());
    EXPECT_TRUE(!result.isError());
    mm::FrameStats s = mm::PhysicalMemoryManager::stats();
    EXPECT_EQ(256u, s.usableFrames);
    EXPECT_EQ(255u, s.freeFrames);  // one frame holds the bitmap
    EXPECT_EQ(127u + 32u + 256u + 256u, s.totalFrames);
}

TEST(pmm_allocate_returnsFramesInsideTheUsableEntry) {
    FakeMap map;
    (void)mm::PhysicalMemoryManager::initialize(map.response, hhdmForBuffer());
    for (int i = 0; i < 255; i++) {
        auto frame = mm::PhysicalMemoryManager::allocate();
        EXPECT_TRUE(!frame.isError());
        EXPECT_TRUE(frame.value() >= kMiB + 4096 && frame.value() < 2 * kMiB);
        EXPECT_EQ(0u, frame.value() % 4096);
    }
    EXPECT_TRUE(mm::PhysicalMemoryManager::allocate().isError());
}

TEST(pmm_allocateContiguous_returnsAdjacentFramesAndFreeRestores) {
    FakeMap map;
    (void)mm::PhysicalMemoryManager::initialize(map.response, hhdmForBuffer());
    auto run = mm::PhysicalMemoryManager::allocate(100);
    EXPECT_TRUE(!run.isError());
    EXPECT_EQ(155u, mm::PhysicalMemoryManager::stats().freeFrames);
    auto tooLong = mm::PhysicalMemoryManager::allocate(200);
    EXPECT_TRUE(tooLong.isError());
    mm::PhysicalMemoryManager::free(run.value(), 100);
    EXPECT_EQ(255u, mm::PhysicalMemoryManager::stats().freeFrames);
    auto big = mm::PhysicalMemoryManager::allocate(255);
    EXPECT_TRUE(!big.isError());
}

TEST(pmm_doubleFree_isCountedOnce) {
    FakeMap map;
    (void)mm::PhysicalMemoryManager::initialize(map.response, hhdmForBuffer());
    auto frame = mm::PhysicalMemoryManager::allocate();
    mm::PhysicalMemoryManager::free(frame.value());
    mm::PhysicalMemoryManager::free(frame.value());
    EXPECT_EQ(255u, mm::PhysicalMemoryManager::stats().freeFrames);
}

TEST(pmm_noUsableMemory_failsWithError) {
    MemoryMapEntry low = {0x1000, 0x7F000, kMemoryUsable};
    MemoryMapEntry* pointers[1] = {&low};
    MemoryMapResponse response = {0, 1, pointers};
    EXPECT_TRUE(mm::PhysicalMemoryManager::initialize(response, hhdmForBuffer()).isError());
}

// A PC with RAM on both sides of the PCI hole: the frames above 4 GiB are managed, the hole
// (which holds only the framebuffer) never is. High frames are handed out, not touched.
TEST(pmm_splitMap_managesRamAboveTheHoleButNeverTheHole) {
    constexpr uint64_t k4GiB = 0x100000000ull;
    MemoryMapEntry entries[3] = {
        {kMiB, kMiB, kMemoryUsable},
        {0xFD000000ull, 0x300000, kMemoryFramebuffer},
        {k4GiB, kMiB, kMemoryUsable},
    };
    MemoryMapEntry* pointers[3] = {&entries[0], &entries[1], &entries[2]};
    MemoryMapResponse response = {0, 3, pointers};
    EXPECT_TRUE(!mm::PhysicalMemoryManager::initialize(response, hhdmForBuffer()).isError());
    mm::FrameStats s = mm::PhysicalMemoryManager::stats();
    EXPECT_EQ(512u, s.totalFrames);
    EXPECT_EQ(512u, s.usableFrames);
    EXPECT_EQ(512u - 33u, s.freeFrames);  // a bitmap up to frame 0x100100 takes 33 frames of low RAM

    auto high = mm::PhysicalMemoryManager::allocate(256);  // low RAM no longer has 256 in a row
    EXPECT_TRUE(!high.isError());
    EXPECT_EQ(k4GiB, high.value());
    for (uint64_t left = s.freeFrames - 256; left > 0; left--) {
        auto frame = mm::PhysicalMemoryManager::allocate();
        EXPECT_TRUE(!frame.isError());
        EXPECT_TRUE(frame.value() >= kMiB && frame.value() < 2 * kMiB);
    }
    EXPECT_TRUE(mm::PhysicalMemoryManager::allocate().isError());
}
