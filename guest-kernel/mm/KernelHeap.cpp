// mm/KernelHeap: see KernelHeap.h.
#include "mm/KernelHeap.h"

#include "lib/Panic.h"
#include "mm/PhysicalMemoryManager.h"

namespace mm {

namespace {

class FrameGrower final : public HeapGrower {
public:
    bool grow(size_t minBytes, void** base, size_t* size) override {
        size_t frames = (minBytes + kFrameSize - 1) / kFrameSize;
        auto frame = PhysicalMemoryManager::allocate(frames);
        if (frame.isError()) {
            return false;
        }
        *base = PhysicalMemoryManager::toVirtual<void>(frame.value());
        *size = frames * kFrameSize;
        return true;
    }
};

constinit FrameGrower g_grower;
constinit Heap g_heap;

}  // namespace

void KernelHeap::initialize() { g_heap.setGrower(&g_grower); }

HeapStats KernelHeap::stats() { return g_heap.stats(); }

}  // namespace mm

void* kmalloc(size_t size) { return mm::g_heap.allocate(size); }

void kfree(void* pointer) { mm::g_heap.release(pointer); }

void* krealloc(void* pointer, size_t size) { return mm::g_heap.resize(pointer, size); }

namespace {

void* allocateOrPanic(size_t size) {
    void* p = kmalloc(size);
    if (p == nullptr) {
        lib::panic("out of memory (operator new, %zu bytes)", size);
    }
    return p;
}

}  // namespace

void* operator new(size_t size) { return allocateOrPanic(size); }
void* operator new[](size_t size) { return allocateOrPanic(size); }
void operator delete(void* p) noexcept { kfree(p); }
void operator delete[](void* p) noexcept { kfree(p); }
void operator delete(void* p, size_t) noexcept { kfree(p); }
void operator delete[](void* p, size_t) noexcept { kfree(p); }
