package dev.jefevm.loader.limine;

/**
 * A Limine request found in the loaded kernel image: which feature, where its struct lies
 * (physical address in RAM) and the request revision the kernel declared. The struct layout is
 * {@code id[4], revision, response, ...feature fields}.
 */
record Request(Feature feature, long physicalAddress, long revision) {

    static final int REVISION_OFFSET = 32, RESPONSE_OFFSET = 40, FIELDS_OFFSET = 48;
}
