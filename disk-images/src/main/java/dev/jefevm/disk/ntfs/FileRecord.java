package dev.jefevm.disk.ntfs;

import java.util.ArrayList;
import java.util.List;

/**
 * A file as stored in the MFT: its base record and every attribute that belongs to it, including
 * those moved to extension records by an $ATTRIBUTE_LIST. Streams (all pieces of one attribute
 * type and name) are assembled from here.
 */
final class FileRecord {

    /** One attribute and the record holding it. */
    record Piece(MftRecord record, MftRecord.Attribute attribute) {
    }

    final MftRecord base;
    final List<Piece> pieces;
    final boolean hasAttributeList;

    FileRecord(MftRecord base, List<Piece> pieces, boolean hasAttributeList) {
        this.base = base;
        this.pieces = pieces;
        this.hasAttributeList = hasAttributeList;
    }

    List<Piece> find(int type, String name) {
        List<Piece> out = new ArrayList<>();
        for (Piece p : pieces) {
            if (p.attribute().type() == type && p.attribute().name().equals(name)) {
                out.add(p);
            }
        }
        return out;
    }

    boolean has(int type, String name) {
        return !find(type, name).isEmpty();
    }

    /** The Win32 or POSIX $FILE_NAME value (the DOS one only if there is no other), or null. */
    byte[] fileName() {
        byte[] best = null;
        for (Piece p : find(Attr.FILE_NAME, "")) {
            if (p.attribute().nonResident()) {
                continue;
            }
            byte[] v = p.attribute().value();
            if (v.length >= 66 && (best == null || FileName.namespace(v) != FileName.NS_DOS)) {
                best = v;
            }
        }
        return best;
    }
}
