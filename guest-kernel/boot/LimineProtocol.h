// boot/LimineProtocol: our declarations of the Limine boot protocol structures JefeOS uses,
// written from the protocol specification (limine PROTOCOL.md: "Base protocol revisions",
// "Requests Delimiters", "Feature List"). A request is {id[4], revision, response pointer,
// request-specific fields}; the loader finds it by its id and fills in `response`
// (a HHDM pointer) or leaves it null. All pointers are 64-bit.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace boot::limine {

// The two id words every request starts with.
constexpr uint64_t kCommonMagic0 = 0xc7b1dd30df4c8b88;
constexpr uint64_t kCommonMagic1 = 0x0a82e883a194f07b;

// Base revision tag: {magic, magic, requested revision}. The loader sets the third word to 0
// when it honours the revision (PROTOCOL.md "Base protocol revisions"); newer loaders also
// replace the second word with the revision actually loaded.
constexpr uint64_t kBaseRevisionMagic0 = 0xf9562b2d5c95a6c8;
constexpr uint64_t kBaseRevisionMagic1 = 0x6a7b384944536bdc;

constexpr uint64_t kRequestsStartMarker[4] = {0xf6b8f4b39de7d1ae, 0xfab91a6940fcb9cf,
                                              0x785c6ed015d3e316, 0x181e920a7852b9d9};
constexpr uint64_t kRequestsEndMarker[2] = {0xadc0e0531bb10d03, 0x9572709f31764c62};

struct RequestHeader {
    uint64_t id[4];
    uint64_t revision;
};
static_assert(sizeof(RequestHeader) == 40);

// --- Bootloader info ---
struct BootloaderInfoResponse {
    uint64_t revision;
    const char* name;
    const char* version;
};
struct BootloaderInfoRequest {
    uint64_t id[4];
    uint64_t revision;
    BootloaderInfoResponse* response;
};
static_assert(sizeof(BootloaderInfoRequest) == 48);
constexpr uint64_t kBootloaderInfoId2 = 0xf55038d8e2a1202f, kBootloaderInfoId3 = 0x279426fcf5f59740;

// --- Stack size ---
struct StackSizeResponse {
    uint64_t revision;
};
struct StackSizeRequest {
    uint64_t id[4];
    uint64_t revision;
    StackSizeResponse* response;
    uint64_t stackSize;
};
static_assert(sizeof(StackSizeRequest) == 56 && offsetof(StackSizeRequest, stackSize) == 48);
constexpr uint64_t kStackSizeId2 = 0x224ef0460a8e8926, kStackSizeId3 = 0xe1cb0fc25f46ea3d;

// --- Higher half direct map ---
struct HhdmResponse {
    uint64_t revision;
    uint64_t offset;
};
struct HhdmRequest {
    uint64_t id[4];
    uint64_t revision;
    HhdmResponse* response;
};
static_assert(sizeof(HhdmResponse) == 16);
constexpr uint64_t kHhdmId2 = 0x48dcf1cb8ad2b852, kHhdmId3 = 0x63984e959a98244b;

// --- Framebuffer ---
constexpr uint8_t kFramebufferRgb = 1;
struct VideoMode {
    uint64_t pitch;
    uint64_t width;
    uint64_t height;
    uint16_t bpp;
    uint8_t memoryModel;
    uint8_t redMaskSize, redMaskShift, greenMaskSize, greenMaskShift, blueMaskSize, blueMaskShift;
};
struct Framebuffer {
    void* address;
    uint64_t width;
    uint64_t height;
    uint64_t pitch;
    uint16_t bpp;
    uint8_t memoryModel;
    uint8_t redMaskSize, redMaskShift, greenMaskSize, greenMaskShift, blueMaskSize, blueMaskShift;
    uint8_t unused[7];
    uint64_t edidSize;
    void* edid;
    // Response revision 1:
    uint64_t modeCount;
    VideoMode** modes;
};
static_assert(offsetof(Framebuffer, bpp) == 32 && offsetof(Framebuffer, redMaskSize) == 35);
static_assert(offsetof(Framebuffer, edidSize) == 48 && sizeof(Framebuffer) == 80);
struct FramebufferResponse {
    uint64_t revision;
    uint64_t framebufferCount;
    Framebuffer** framebuffers;
};
struct FramebufferRequest {
    uint64_t id[4];
    uint64_t revision;
    FramebufferResponse* response;
};
constexpr uint64_t kFramebufferId2 = 0x9d5827dcd881dd75, kFramebufferId3 = 0xa3148604f6fab11b;

// --- Paging mode (x86-64 values) ---
constexpr uint64_t kPagingMode4Level = 0;
constexpr uint64_t kPagingMode5Level = 1;
struct PagingModeResponse {
    uint64_t revision;
    uint64_t mode;
};
struct PagingModeRequest {
    uint64_t id[4];
    uint64_t revision;
    PagingModeResponse* response;
    uint64_t mode;
    // Request revision 1:
    uint64_t maxMode;
    uint64_t minMode;
};
static_assert(sizeof(PagingModeRequest) == 72);
constexpr uint64_t kPagingModeId2 = 0x95c1a0edab0944cb, kPagingModeId3 = 0xa4e5cb3842f7488a;

// --- Memory map ---
enum MemoryType : uint64_t {
    kMemoryUsable = 0,
    kMemoryReserved = 1,
    kMemoryAcpiReclaimable = 2,
    kMemoryAcpiNvs = 3,
    kMemoryBad = 4,
    kMemoryBootloaderReclaimable = 5,
    kMemoryExecutableAndModules = 6,
    kMemoryFramebuffer = 7,
};
struct MemoryMapEntry {
    uint64_t base;
    uint64_t length;
    uint64_t type;
};
static_assert(sizeof(MemoryMapEntry) == 24);
struct MemoryMapResponse {
    uint64_t revision;
    uint64_t entryCount;
    MemoryMapEntry** entries;
};
struct MemoryMapRequest {
    uint64_t id[4];
    uint64_t revision;
    MemoryMapResponse* response;
};
constexpr uint64_t kMemoryMapId2 = 0x67cf3d9d378a806f, kMemoryMapId3 = 0xe304acdfc50c3c62;

// --- Executable (kernel) address ---
struct ExecutableAddressResponse {
    uint64_t revision;
    uint64_t physicalBase;
    uint64_t virtualBase;
};
struct ExecutableAddressRequest {
    uint64_t id[4];
    uint64_t revision;
    ExecutableAddressResponse* response;
};
constexpr uint64_t kExecutableAddressId2 = 0x71ba76863cc55f63, kExecutableAddressId3 = 0xb2644a48c516a487;

// --- RSDP (physical address from base revision 3 on; a HHDM address before) ---
struct RsdpResponse {
    uint64_t revision;
    uint64_t address;
};
struct RsdpRequest {
    uint64_t id[4];
    uint64_t revision;
    RsdpResponse* response;
};
constexpr uint64_t kRsdpId2 = 0xc5e77b6b397e7b43, kRsdpId3 = 0x27637845accdcf3c;

// --- Executable command line (the kernel file's cmdline as the loader was told it) ---
struct ExecutableCmdlineResponse {
    uint64_t revision;
    const char* cmdline;  // NUL-terminated, in the HHDM; empty when none was given
};
struct ExecutableCmdlineRequest {
    uint64_t id[4];
    uint64_t revision;
    ExecutableCmdlineResponse* response;
};
static_assert(sizeof(ExecutableCmdlineRequest) == 48);
constexpr uint64_t kExecutableCmdlineId2 = 0x4b161536e598651e, kExecutableCmdlineId3 = 0xb390ad4a2f1f303a;

// --- Date at boot (UNIX seconds from the RTC; "boot time" in older texts) ---
struct DateAtBootResponse {
    uint64_t revision;
    int64_t timestamp;
};
struct DateAtBootRequest {
    uint64_t id[4];
    uint64_t revision;
    DateAtBootResponse* response;
};
constexpr uint64_t kDateAtBootId2 = 0x502746e184c088aa, kDateAtBootId3 = 0xfbc5ec83e6327893;

// --- Modules (files handed over beside the kernel; a loader with none may not answer) ---
struct File {
    uint64_t revision;
    void* address;  // in the HHDM
    uint64_t size;
    const char* path;
    const char* string;  // the module's command line
    uint32_t mediaType;
    uint32_t unused;
    uint32_t tftpIp;
    uint32_t tftpPort;
    uint32_t partitionIndex;
    uint32_t mbrDiskId;
    uint8_t gptDiskUuid[16];
    uint8_t gptPartitionUuid[16];
    uint8_t partitionUuid[16];
};
static_assert(sizeof(File) == 112 && offsetof(File, string) == 32 && offsetof(File, gptDiskUuid) == 64);
struct ModuleResponse {
    uint64_t revision;
    uint64_t moduleCount;
    File** modules;
};
struct ModuleRequest {
    uint64_t id[4];
    uint64_t revision;
    ModuleResponse* response;
    uint64_t internalModuleCount;  // revision 1: modules the kernel itself asks for (none here)
    void* internalModules;
};
static_assert(sizeof(ModuleRequest) == 64);
constexpr uint64_t kModuleId2 = 0x3e7e279702be32af, kModuleId3 = 0xca1c4f3bd1280cee;

}  // namespace boot::limine
