// storage/Partition: see Partition.h.
#include "storage/Partition.h"

namespace storage {

lib::ErrorOr<bool> Partition::read(uint64_t lba, uint32_t count, void* buffer) {
    if (m_disk == nullptr || !inside(lba, count)) {
        return lib::Error::from(lib::ErrorCode::IoError, "storage: read outside the partition");
    }
    return m_disk->read(m_first + lba, count, buffer);
}

lib::ErrorOr<bool> Partition::write(uint64_t lba, uint32_t count, const void* buffer) {
    if (m_disk == nullptr || !inside(lba, count)) {
        return lib::Error::from(lib::ErrorCode::IoError, "storage: write outside the partition");
    }
    return m_disk->write(m_first + lba, count, buffer);
}

lib::ErrorOr<bool> Partition::flush() {
    if (m_disk == nullptr) {
        return lib::Error::from(lib::ErrorCode::IoError, "storage: no disk");
    }
    return m_disk->flush();
}

}  // namespace storage
