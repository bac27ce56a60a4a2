// mm/Heap: see Heap.h.
#include "mm/Heap.h"

#include "lib/String.h"

namespace mm {

struct Heap::Chunk {
    size_t size;  // bytes, header included, multiple of kAlignment
    uint32_t magic;
    uint32_t state;
    Chunk* next;  // free chunks only (first payload word)
};

namespace {

constexpr size_t kHeaderSize = 16;
constexpr size_t kMinChunk = 32;  // header + room for the free-list link
constexpr uint32_t kMagic = 0x4A656665;  // "Jefe"
constexpr uint32_t kStateFree = 0x46524545;
constexpr uint32_t kStateUsed = 0x55534544;
constexpr size_t kGrowQuantum = 64 * 1024;

size_t roundUp(size_t v, size_t a) { return (v + a - 1) & ~(a - 1); }

uintptr_t addressOf(const void* p) { return reinterpret_cast<uintptr_t>(p); }

}  // namespace

void Heap::addRegion(void* base, size_t size) {
    uintptr_t start = roundUp(addressOf(base), kAlignment);
    uintptr_t end = (addressOf(base) + size) & ~(kAlignment - 1);
    if (end <= start || end - start < kMinChunk) {
        return;
    }
    auto* chunk = reinterpret_cast<Chunk*>(start);
    chunk->size = end - start;
    chunk->magic = kMagic;
    m_totalBytes += chunk->size;
    insertFree(chunk);
}

void Heap::insertFree(Chunk* chunk) {
    chunk->state = kStateFree;
    Chunk* prev = nullptr;
    Chunk* next = m_freeList;
    while (next != nullptr && next < chunk) {
        prev = next;
        next = next->next;
    }
    chunk->next = next;
    if (prev == nullptr) {
        m_freeList = chunk;
    } else {
        prev->next = chunk;
    }
    // Merge with the right neighbour, then let the left neighbour absorb us.
    if (next != nullptr && addressOf(chunk) + chunk->size == addressOf(next)) {
        chunk->size += next->size;
        chunk->next = next->next;
        next->magic = 0;
    }
    if (prev != nullptr && addressOf(prev) + prev->size == addressOf(chunk)) {
        prev->size += chunk->size;
        prev->next = chunk->next;
        chunk->magic = 0;
    }
}

void Heap::unlinkFree(Chunk* chunk) {
    Chunk** link = &m_freeList;
    while (*link != nullptr && *link != chunk) {
        link = &(*link)->next;
    }
    if (*link == chunk) {
        *link = chunk->next;
    }
}

Heap::Chunk* Heap::findFit(size_t chunkSize) {
    for (Chunk* c = m_freeList; c != nullptr; c = c->next) {
        if (c->size >= chunkSize) {
            return c;
        }
    }
    return nullptr;
}

// Returns the tail of used `chunk` beyond `chunkSize` bytes to the free list, when the
// tail is big enough to be a chunk of its own.
void Heap::trimTail(Chunk* chunk, size_t chunkSize) {
    if (chunk->size - chunkSize < kMinChunk) {
        return;
    }
    auto* rest = reinterpret_cast<Chunk*>(addressOf(chunk) + chunkSize);
    rest->size = chunk->size - chunkSize;
    rest->magic = kMagic;
    chunk->size = chunkSize;
    m_usedBytes -= rest->size;
    insertFree(rest);
}

// Takes free `chunk` off the free list and uses its first `chunkSize` bytes.
void Heap::splitAndUse(Chunk* chunk, size_t chunkSize) {
    unlinkFree(chunk);
    chunk->state = kStateUsed;
    m_usedBytes += chunk->size;
    m_liveAllocations++;
    trimTail(chunk, chunkSize);
}

void* Heap::allocate(size_t size) {
    if (size > (SIZE_MAX >> 2)) {
        return nullptr;
    }
    size_t chunkSize = roundUp(size + kHeaderSize, kAlignment);
    if (chunkSize < kMinChunk) {
        chunkSize = kMinChunk;
    }
    Chunk* chunk = findFit(chunkSize);
    if (chunk == nullptr && m_grower != nullptr) {
        void* base = nullptr;
        size_t got = 0;
        size_t want = chunkSize > kGrowQuantum ? roundUp(chunkSize + kAlignment, kGrowQuantum) : kGrowQuantum;
        if (m_grower->grow(want, &base, &got)) {
            addRegion(base, got);
            chunk = findFit(chunkSize);
        }
    }
    if (chunk == nullptr) {
        return nullptr;
    }
    splitAndUse(chunk, chunkSize);
    return reinterpret_cast<char*>(chunk) + kHeaderSize;
}

Heap::Chunk* Heap::headerOf(void* pointer) const {
    if (pointer == nullptr || addressOf(pointer) % kAlignment != 0) {
        return nullptr;
    }
    auto* chunk = reinterpret_cast<Chunk*>(addressOf(pointer) - kHeaderSize);
    if (chunk->magic != kMagic || chunk->state != kStateUsed) {
        return nullptr;
    }
    return chunk;
}

bool Heap::release(void* pointer) {
    if (pointer == nullptr) {
        return true;
    }
    Chunk* chunk = headerOf(pointer);
    if (chunk == nullptr) {
        m_badFrees++;
        return false;
    }
    m_usedBytes -= chunk->size;
    m_liveAllocations--;
    insertFree(chunk);
    return true;
}

void* Heap::resize(void* pointer, size_t size) {
    if (pointer == nullptr) {
        return allocate(size);
    }
    if (size == 0) {
        release(pointer);
        return nullptr;
    }
    Chunk* chunk = headerOf(pointer);
    if (chunk == nullptr) {
        m_badFrees++;
        return nullptr;
    }
    size_t chunkSize = roundUp(size + kHeaderSize, kAlignment);
    if (chunkSize < kMinChunk) {
        chunkSize = kMinChunk;
    }
    if (chunkSize <= chunk->size) {
        return pointer;
    }
    // Grow in place when the right neighbour is free and big enough together with us.
    auto* right = reinterpret_cast<Chunk*>(addressOf(chunk) + chunk->size);
    bool rightIsFree = false;
    for (Chunk* c = m_freeList; c != nullptr && c <= right; c = c->next) {
        rightIsFree = rightIsFree || c == right;
    }
    if (rightIsFree && chunk->size + right->size >= chunkSize) {
        unlinkFree(right);
        right->magic = 0;
        m_usedBytes += right->size;
        chunk->size += right->size;
        trimTail(chunk, chunkSize);
        return pointer;
    }
    void* fresh = allocate(size);
    if (fresh == nullptr) {
        return nullptr;
    }
    memcpy(fresh, pointer, chunk->size - kHeaderSize);
    release(pointer);
    return fresh;
}

HeapStats Heap::stats() const {
    HeapStats s{m_totalBytes, m_usedBytes, 0, 0, m_liveAllocations, m_badFrees};
    for (Chunk* c = m_freeList; c != nullptr; c = c->next) {
        s.freeBytes += c->size;
        s.freeChunks++;
    }
    return s;
}

bool Heap::isConsistent() const {
    size_t freeBytes = 0;
    for (Chunk* c = m_freeList; c != nullptr; c = c->next) {
        if (c->magic != kMagic || c->state != kStateFree || c->size % kAlignment != 0 ||
            addressOf(c) % kAlignment != 0 || c->size < kMinChunk) {
            return false;
        }
        if (c->next != nullptr && (c->next <= c || addressOf(c) + c->size >= addressOf(c->next))) {
            // Free chunks must be ordered and never touch (they would have merged).
            return false;
        }
        freeBytes += c->size;
    }
    return freeBytes + m_usedBytes == m_totalBytes;
}

}  // namespace mm
