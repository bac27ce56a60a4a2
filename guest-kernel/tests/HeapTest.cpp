// tests/HeapTest: mm/Heap allocation, coalescing, resize and growth.
#include "mm/Heap.h"

#include <cstdint>
#include <cstring>

#include "tests/Test.h"

namespace {

alignas(16) unsigned char g_arena[64 * 1024];

struct ArenaHeap {
    mm::Heap heap;
    ArenaHeap() { heap.addRegion(g_arena, sizeof(g_arena)); }
};

class ArenaGrower final : public mm::HeapGrower {
public:
    bool grow(size_t minBytes, void** base, size_t* size) override {
        if (used + minBytes > sizeof(g_arena)) {
            return false;
        }
        *base = g_arena + used;
        *size = minBytes;
        used += minBytes;
        calls++;
        return true;
    }
    size_t used = 0;
    int calls = 0;
};

}  // namespace

TEST(heap_allocate_returnsAlignedDistinctBlocks) {
    ArenaHeap a;
    void* p = a.heap.allocate(10);
    void* q = a.heap.allocate(100);
    EXPECT_TRUE(p != nullptr && q != nullptr && p != q);
    EXPECT_EQ(0u, reinterpret_cast<uintptr_t>(p) % 16);
    EXPECT_EQ(0u, reinterpret_cast<uintptr_t>(q) % 16);
    EXPECT_TRUE(static_cast<char*>(q) >= static_cast<char*>(p) + 10);
    EXPECT_TRUE(a.heap.isConsistent());
}

TEST(heap_freeAll_coalescesBackToOneChunk) {
    ArenaHeap a;
    void* p[8];
    for (auto& x : p) x = a.heap.allocate(200);
    // Free in an order that needs left, right and both-sided merges.
    int order[8] = {1, 3, 5, 7, 2, 6, 0, 4};
    for (int i : order) {
        EXPECT_TRUE(a.heap.release(p[i]));
        EXPECT_TRUE(a.heap.isConsistent());
    }
    mm::HeapStats s = a.heap.stats();
    EXPECT_EQ(1u, s.freeChunks);
    EXPECT_EQ(sizeof(g_arena), s.freeBytes);
    EXPECT_EQ(0u, s.usedBytes);
    EXPECT_EQ(0u, s.liveAllocations);
}

TEST(heap_freedMiddle_isReusedFirstFit) {
    ArenaHeap a;
    void* x = a.heap.allocate(64);
    void* y = a.heap.allocate(64);
    void* z = a.heap.allocate(64);
    a.heap.release(y);
    void* again = a.heap.allocate(48);
    EXPECT_TRUE(again == y);
    EXPECT_TRUE(x != nullptr && z != nullptr);
}

TEST(heap_doubleFree_isRejectedAndCounted) {
    ArenaHeap a;
    void* p = a.heap.allocate(32);
    EXPECT_TRUE(a.heap.release(p));
    EXPECT_TRUE(!a.heap.release(p));
    EXPECT_EQ(1u, a.heap.stats().badFrees);
    EXPECT_TRUE(a.heap.isConsistent());
}

TEST(heap_wildPointer_isRejected) {
    ArenaHeap a;
    char* p = static_cast<char*>(a.heap.allocate(64));
    EXPECT_TRUE(!a.heap.release(p + 16));
    EXPECT_TRUE(a.heap.release(p));
}

TEST(heap_exhausted_returnsNull) {
    ArenaHeap a;
    EXPECT_TRUE(a.heap.allocate(sizeof(g_arena)) == nullptr);
    EXPECT_TRUE(a.heap.allocate(sizeof(g_arena) - 16) != nullptr);
    EXPECT_TRUE(a.heap.allocate(1) == nullptr);
}

TEST(heap_resize_growsInPlaceIntoFreeNeighbour) {
    ArenaHeap a;
    void* p = a.heap.allocate(64);
    void* q = a.heap.allocate(256);
    a.heap.release(q);
    std::memset(p, 0x5A, 64);
    void* r = a.heap.resize(p, 200);
    EXPECT_TRUE(r == p);
    EXPECT_EQ(0x5A, static_cast<unsigned char*>(r)[63]);
    EXPECT_TRUE(a.heap.isConsistent());
}

TEST(heap_resize_movesAndKeepsContentsWhenBlocked) {
    ArenaHeap a;
    char* p = static_cast<char*>(a.heap.allocate(32));
    void* blocker = a.heap.allocate(32);
    std::memcpy(p, "jefeos", 7);
    char* r = static_cast<char*>(a.heap.resize(p, 1000));
    EXPECT_TRUE(r != nullptr && r != p);
    EXPECT_STREQ("jefeos", r);
    EXPECT_EQ(2u, a.heap.stats().liveAllocations);
    EXPECT_TRUE(blocker != nullptr);
    EXPECT_TRUE(a.heap.isConsistent());
}

TEST(heap_resizeNullAndZero_actAsAllocateAndRelease) {
    ArenaHeap a;
    void* p = a.heap.resize(nullptr, 40);
    EXPECT_TRUE(p != nullptr);
    EXPECT_TRUE(a.heap.resize(p, 0) == nullptr);
    EXPECT_EQ(0u, a.heap.stats().liveAllocations);
}

TEST(heap_noFit_asksGrowerAndMergesAdjacentRegions) {
    mm::Heap heap;
    ArenaGrower grower;
    heap.setGrower(&grower);
    void* p = heap.allocate(100);
    void* q = heap.allocate(20000);
    EXPECT_TRUE(p != nullptr && q != nullptr);
    EXPECT_TRUE(grower.calls >= 1);
    heap.release(p);
    heap.release(q);
    EXPECT_EQ(1u, heap.stats().freeChunks);
    EXPECT_TRUE(heap.isConsistent());
}
