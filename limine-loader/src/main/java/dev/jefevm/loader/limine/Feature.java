package dev.jefevm.loader.limine;

/**
 * The Limine features this loader knows, by the last two words of their request IDs (the first
 * two are the common magic). IDs are from the Limine protocol's "Feature List".
 */
enum Feature {
    BOOTLOADER_INFO(0xf55038d8e2a1202fL, 0x279426fcf5f59740L),
    EXECUTABLE_CMDLINE(0x4b161536e598651eL, 0xb390ad4a2f1f303aL),
    FIRMWARE_TYPE(0x8c2f75d90bef28a8L, 0x7045a4688eac00c3L),
    STACK_SIZE(0x224ef0460a8e8926L, 0xe1cb0fc25f46ea3dL),
    HHDM(0x48dcf1cb8ad2b852L, 0x63984e959a98244bL),
    FRAMEBUFFER(0x9d5827dcd881dd75L, 0xa3148604f6fab11bL),
    PAGING_MODE(0x95c1a0edab0944cbL, 0xa4e5cb3842f7488aL),
    MP(0x95a67b819a1b857eL, 0xa0b61b723b6a73e0L),
    MEMMAP(0x67cf3d9d378a806fL, 0xe304acdfc50c3c62L),
    ENTRY_POINT(0x13d86c035a1cd3e1L, 0x2b0caa89d8f3026aL),
    EXECUTABLE_FILE(0xad97e90e83f1ed67L, 0x31eb5d1c5ff23b69L),
    MODULE(0x3e7e279702be32afL, 0xca1c4f3bd1280ceeL),
    RSDP(0xc5e77b6b397e7b43L, 0x27637845accdcf3cL),
    DATE_AT_BOOT(0x502746e184c088aaL, 0xfbc5ec83e6327893L),
    EXECUTABLE_ADDRESS(0x71ba76863cc55f63L, 0xb2644a48c516a487L);

    /** LIMINE_COMMON_MAGIC: the first two words of every request ID. */
    static final long COMMON_MAGIC_0 = 0xc7b1dd30df4c8b88L, COMMON_MAGIC_1 = 0x0a82e883a194f07bL;

    final long id2, id3;

    Feature(long id2, long id3) {
        this.id2 = id2;
        this.id3 = id3;
    }

    /** The feature with these ID words, or null for one this loader does not know. */
    static Feature of(long id2, long id3) {
        for (Feature f : values()) {
            if (f.id2 == id2 && f.id3 == id3) {
                return f;
            }
        }
        return null;
    }
}
