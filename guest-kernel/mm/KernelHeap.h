// mm/KernelHeap: the kernel's heap (mm/Heap) grown from physically contiguous PMM frames
// seen through the HHDM. Interface: initialize() after the PMM; kmalloc/kfree/krealloc
// (16-byte aligned; kfree of a pointer that is not a live allocation is refused and
// counted); operator new/delete use it (new that cannot allocate panics: JefeOS has no
// exceptions; use kmalloc where failure is expected).
#pragma once

#include <stddef.h>

#include "mm/Heap.h"

namespace mm {

class KernelHeap {
public:
    static void initialize();
    static HeapStats stats();
};

}  // namespace mm

void* kmalloc(size_t size);
void kfree(void* pointer);
void* krealloc(void* pointer, size_t size);
