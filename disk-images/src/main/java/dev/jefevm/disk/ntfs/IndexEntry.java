package dev.jefevm.disk.ntfs;

/**
 * One entry of a directory ($I30) index: the file's reference and its $FILE_NAME value as key.
 *
 * @param fileRef MFT reference (record number and sequence) of the named file
 * @param key the $FILE_NAME value
 */
record IndexEntry(long fileRef, byte[] key) {

    long recordNumber() {
        return fileRef & 0xFFFF_FFFF_FFFFL;
    }

    String name() {
        return FileName.name(key);
    }

    int namespace() {
        return FileName.namespace(key);
    }

    /** Bytes this entry takes in a node, with or without a child pointer. */
    int size(boolean withChild) {
        return Le.align8(16 + key.length) + (withChild ? 8 : 0);
    }
}
