// mm/PhysicalMemoryManager: see PhysicalMemoryManager.h. The bitmap is set and cleared a
// whole 64-bit word at a time where a range allows, so setting up 512 MiB takes a few
// thousand instructions, not one per frame.
#include "mm/PhysicalMemoryManager.h"

#include "lib/String.h"

namespace mm {

namespace {

using namespace boot::limine;

constexpr uint64_t kLowMemoryLimit = 0x100000;

uint64_t* g_bitmap = nullptr;
uint64_t g_frameCount = 0;
uint64_t g_hhdm = 0;
uint64_t g_searchHint = 0;
FrameStats g_stats = {0, 0, 0};

uint64_t alignUp(uint64_t v, uint64_t a) { return (v + a - 1) & ~(a - 1); }
uint64_t alignDown(uint64_t v, uint64_t a) { return v & ~(a - 1); }

bool isUsed(uint64_t frame) { return (g_bitmap[frame / 64] >> (frame % 64)) & 1; }

// Sets (used = true) or clears the bits of frames [first, first + count).
void markRange(uint64_t first, uint64_t count, bool used) {
    uint64_t frame = first;
    uint64_t end = first + count;
    while (frame < end) {
        if (frame % 64 == 0 && end - frame >= 64) {
            g_bitmap[frame / 64] = used ? ~0ull : 0;
            frame += 64;
            continue;
        }
        uint64_t bit = 1ull << (frame % 64);
        if (used) {
            g_bitmap[frame / 64] |= bit;
        } else {
            g_bitmap[frame / 64] &= ~bit;
        }
        frame++;
    }
}

bool isRam(uint64_t type) {
    return type != kMemoryReserved && type != kMemoryBad && type != kMemoryFramebuffer;
}

// The page-aligned part of a usable entry at or above 1 MiB, as frames [first, end).
bool usableFrames(const MemoryMapEntry& e, uint64_t* first, uint64_t* end) {
    if (e.type != kMemoryUsable) {
        return false;
    }
    uint64_t base = alignUp(e.base < kLowMemoryLimit ? kLowMemoryLimit : e.base, kFrameSize);
    uint64_t top = alignDown(e.base + e.length, kFrameSize);
    if (top <= base) {
        return false;
    }
    *first = base / kFrameSize;
    *end = top / kFrameSize;
    return true;
}

}  // namespace

lib::ErrorOr<void> PhysicalMemoryManager::initialize(const MemoryMapResponse& map, uint64_t hhdmOffset) {
    g_hhdm = hhdmOffset;
    uint64_t highestFrame = 0;
    uint64_t totalFrames = 0;
    for (uint64_t i = 0; i < map.entryCount; i++) {
        const MemoryMapEntry& e = *map.entries[i];
        uint64_t first, end;
        if (usableFrames(e, &first, &end) && end > highestFrame) {
            highestFrame = end;
        }
        if (isRam(e.type)) {
            totalFrames += e.length / kFrameSize;
        }
    }
    if (highestFrame == 0) {
        return lib::Error::from(lib::ErrorCode::NoMemory, "PMM: no usable memory above 1 MiB");
    }

    uint64_t bitmapBytes = alignUp(highestFrame, 64) / 8;
    uint64_t bitmapFrames = alignUp(bitmapBytes, kFrameSize) / kFrameSize;
    uint64_t bitmapFrame = 0;
    for (uint64_t i = 0; i < map.entryCount && bitmapFrame == 0; i++) {
        uint64_t first, end;
        if (usableFrames(*map.entries[i], &first, &end) && end - first >= bitmapFrames) {
            bitmapFrame = first;
        }
    }
    if (bitmapFrame == 0) {
        return lib::Error::from(lib::ErrorCode::NoMemory, "PMM: no usable region fits the frame bitmap");
    }

    g_bitmap = reinterpret_cast<uint64_t*>(bitmapFrame * kFrameSize + hhdmOffset);
    g_frameCount = highestFrame;
    lib::fill64(g_bitmap, ~0ull, bitmapBytes / 8);

    uint64_t usable = 0;
    for (uint64_t i = 0; i < map.entryCount; i++) {
        uint64_t first, end;
        if (usableFrames(*map.entries[i], &first, &end)) {
            markRange(first, end - first, false);
            usable += end - first;
        }
    }
    markRange(bitmapFrame, bitmapFrames, true);

    g_stats = FrameStats{totalFrames, usable, usable - bitmapFrames};
    g_searchHint = 0;
    return {};
}

lib::ErrorOr<uint64_t> PhysicalMemoryManager::allocate(size_t count) {
    if (count == 0 || count > g_stats.freeFrames) {
        return lib::Error::from(lib::ErrorCode::NoMemory, "PMM: out of frames");
    }
    // Next fit from the hint, wrapping around once. Whole used words are skipped.
    for (int pass = 0; pass < 2; pass++) {
        uint64_t frame = pass == 0 ? g_searchHint : 0;
        uint64_t limit = pass == 0 ? g_frameCount : g_searchHint + count;
        if (limit > g_frameCount) {
            limit = g_frameCount;
        }
        uint64_t runStart = frame;
        uint64_t runLength = 0;
        while (frame < limit) {
            if (frame % 64 == 0 && g_bitmap[frame / 64] == ~0ull) {
                frame += 64;
                runLength = 0;
                runStart = frame;
                continue;
            }
            if (isUsed(frame)) {
                runLength = 0;
                runStart = frame + 1;
            } else if (++runLength == count) {
                markRange(runStart, count, true);
                g_stats.freeFrames -= count;
                g_searchHint = runStart + count;
                return runStart * kFrameSize;
            }
            frame++;
        }
    }
    return lib::Error::from(lib::ErrorCode::NoMemory, "PMM: no contiguous run of frames that long");
}

void PhysicalMemoryManager::free(uint64_t physical, size_t count) {
    uint64_t first = physical / kFrameSize;
    for (uint64_t f = first; f < first + count && f < g_frameCount; f++) {
        if (isUsed(f)) {
            markRange(f, 1, false);
            g_stats.freeFrames++;
        }
    }
    if (first < g_searchHint) {
        g_searchHint = first;
    }
}

FrameStats PhysicalMemoryManager::stats() { return g_stats; }

uint64_t PhysicalMemoryManager::hhdmOffset() { return g_hhdm; }

}  // namespace mm
