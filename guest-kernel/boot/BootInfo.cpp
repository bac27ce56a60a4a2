// boot/BootInfo: see BootInfo.h. The request objects are volatile: the loader writes their
// response pointers (and the base revision word) before the kernel runs, behind the
// compiler's back.
#include "boot/BootInfo.h"

namespace boot {

namespace {

using namespace limine;

#define LIMINE_REQUEST [[gnu::used, gnu::section(".limine_requests")]]

[[gnu::used, gnu::section(".limine_requests_start")]] volatile uint64_t g_requestsStart[4] = {
    kRequestsStartMarker[0], kRequestsStartMarker[1], kRequestsStartMarker[2], kRequestsStartMarker[3]};

LIMINE_REQUEST volatile uint64_t g_baseRevision[3] = {kBaseRevisionMagic0, kBaseRevisionMagic1,
                                                      BootInfo::kRequestedBaseRevision};

LIMINE_REQUEST volatile BootloaderInfoRequest g_bootloaderInfo = {
    {kCommonMagic0, kCommonMagic1, kBootloaderInfoId2, kBootloaderInfoId3}, 0, nullptr};

LIMINE_REQUEST volatile HhdmRequest g_hhdm = {{kCommonMagic0, kCommonMagic1, kHhdmId2, kHhdmId3}, 0, nullptr};

LIMINE_REQUEST volatile MemoryMapRequest g_memoryMap = {
    {kCommonMagic0, kCommonMagic1, kMemoryMapId2, kMemoryMapId3}, 0, nullptr};

LIMINE_REQUEST volatile FramebufferRequest g_framebuffer = {
    {kCommonMagic0, kCommonMagic1, kFramebufferId2, kFramebufferId3}, 0, nullptr};

LIMINE_REQUEST volatile ExecutableAddressRequest g_executableAddress = {
    {kCommonMagic0, kCommonMagic1, kExecutableAddressId2, kExecutableAddressId3}, 0, nullptr};

LIMINE_REQUEST volatile RsdpRequest g_rsdp = {{kCommonMagic0, kCommonMagic1, kRsdpId2, kRsdpId3}, 0, nullptr};

LIMINE_REQUEST volatile StackSizeRequest g_stackSize = {
    {kCommonMagic0, kCommonMagic1, kStackSizeId2, kStackSizeId3}, 0, nullptr, BootInfo::kStackSize};

LIMINE_REQUEST volatile PagingModeRequest g_pagingMode = {
    {kCommonMagic0, kCommonMagic1, kPagingModeId2, kPagingModeId3}, 1, nullptr,
    kPagingMode4Level, kPagingMode4Level, kPagingMode4Level};

LIMINE_REQUEST volatile DateAtBootRequest g_dateAtBoot = {
    {kCommonMagic0, kCommonMagic1, kDateAtBootId2, kDateAtBootId3}, 0, nullptr};

LIMINE_REQUEST volatile ModuleRequest g_modules = {
    {kCommonMagic0, kCommonMagic1, kModuleId2, kModuleId3}, 0, nullptr, 0, nullptr};

LIMINE_REQUEST volatile ExecutableCmdlineRequest g_cmdline = {
    {kCommonMagic0, kCommonMagic1, kExecutableCmdlineId2, kExecutableCmdlineId3}, 0, nullptr};

[[gnu::used, gnu::section(".limine_requests_end")]] volatile uint64_t g_requestsEnd[2] = {
    kRequestsEndMarker[0], kRequestsEndMarker[1]};

#undef LIMINE_REQUEST

}  // namespace

bool BootInfo::baseRevisionSupported() { return g_baseRevision[2] == 0; }
uint64_t BootInfo::baseRevisionTagValue() { return g_baseRevision[2]; }

const BootloaderInfoResponse* BootInfo::bootloaderInfo() { return g_bootloaderInfo.response; }
const HhdmResponse* BootInfo::hhdm() { return g_hhdm.response; }
const MemoryMapResponse* BootInfo::memoryMap() { return g_memoryMap.response; }
const FramebufferResponse* BootInfo::framebuffer() { return g_framebuffer.response; }
const ExecutableAddressResponse* BootInfo::executableAddress() { return g_executableAddress.response; }
const RsdpResponse* BootInfo::rsdp() { return g_rsdp.response; }
const PagingModeResponse* BootInfo::pagingMode() { return g_pagingMode.response; }
const DateAtBootResponse* BootInfo::dateAtBoot() { return g_dateAtBoot.response; }
const ModuleResponse* BootInfo::modules() { return g_modules.response; }

const char* BootInfo::commandLine() {
    const ExecutableCmdlineResponse* r = g_cmdline.response;
    return r != nullptr && r->cmdline != nullptr ? r->cmdline : "";
}

}  // namespace boot
