// mm/Heap: a first-fit allocator over a free list kept in address order, so a freed chunk
// merges with free neighbours on both sides (coalescing) and fragmentation stays low.
// Every chunk starts with a 16-byte header (size including header, a magic word, a state);
// payloads are 16-byte aligned; a free chunk keeps the free-list link in its payload.
// When no chunk fits, the heap asks its grower for more memory (the kernel's grower takes
// contiguous frames from the PMM through the HHDM). release() and resize() reject pointers
// whose header is not a live chunk (double free, wild pointer) and count them.
// Pure code: also built for host unit tests. Not thread-safe.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace mm {

struct HeapStats {
    size_t totalBytes;     // all memory handed to the heap
    size_t usedBytes;      // chunks in use, headers included
    size_t freeBytes;      // chunks on the free list, headers included
    size_t freeChunks;     // length of the free list
    size_t liveAllocations;
    size_t badFrees;       // rejected release()/resize() pointers
};

class HeapGrower {
public:
    // Provides at least `minBytes` of fresh memory (16-byte aligned) or returns false.
    virtual bool grow(size_t minBytes, void** base, size_t* size) = 0;

protected:
    ~HeapGrower() = default;
};

class Heap {
public:
    static constexpr size_t kAlignment = 16;

    constexpr Heap() = default;

    void setGrower(HeapGrower* grower) { m_grower = grower; }
    // Adds [base, base + size) to the heap (trimmed to 16-byte alignment).
    void addRegion(void* base, size_t size);

    void* allocate(size_t size);
    bool release(void* pointer);
    // realloc semantics: resize(nullptr, n) allocates, resize(p, 0) releases and returns
    // nullptr; grows in place into a free right neighbour when it can.
    void* resize(void* pointer, size_t size);
    HeapStats stats() const;
    // Walks the free list checking order, alignment and that no two free chunks touch.
    bool isConsistent() const;

private:
    struct Chunk;
    Chunk* findFit(size_t chunkSize);
    void insertFree(Chunk* chunk);
    void unlinkFree(Chunk* chunk);
    Chunk* headerOf(void* pointer) const;
    void splitAndUse(Chunk* chunk, size_t chunkSize);
    void trimTail(Chunk* chunk, size_t chunkSize);

    Chunk* m_freeList = nullptr;
    HeapGrower* m_grower = nullptr;
    size_t m_totalBytes = 0;
    size_t m_usedBytes = 0;
    size_t m_liveAllocations = 0;
    size_t m_badFrees = 0;
};

}  // namespace mm
