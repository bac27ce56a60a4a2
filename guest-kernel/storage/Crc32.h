// storage/Crc32: the CRC-32 GPT uses for its header and entry array (UEFI 2.10 section 5.3.2:
// the ISO 3309 / ITU-T V.42 polynomial 0x04C11DB7, reflected as 0xEDB88320, initial value
// and final XOR 0xFFFFFFFF). Bitwise, table-free: partition tables are read once at boot.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace storage {

uint32_t crc32(const void* data, size_t length);

}  // namespace storage
