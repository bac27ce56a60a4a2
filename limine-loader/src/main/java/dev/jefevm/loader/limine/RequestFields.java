package dev.jefevm.loader.limine;

import dev.jefevm.core.memory.PhysicalMemory;

/** Reads the feature-specific words that follow a request's common header in guest RAM. */
final class RequestFields {

    private final PhysicalMemory memory;

    RequestFields(PhysicalMemory memory) {
        this.memory = memory;
    }

    /** The {@code n}th 64-bit word after {@code id[4], revision, response}. */
    long field(Request request, int n) {
        return memory.read64(request.physicalAddress() + Request.FIELDS_OFFSET + 8L * n);
    }
}
