package dev.jefevm.disk.ntfs;

/**
 * The $AttrDef table of NTFS 3.1: 160-byte entries naming each attribute type with its flags and
 * minimum and maximum sizes, ended by a zeroed entry. Values as in the NTFS documentation's
 * "$AttrDef" table. Flags: 0x02 indexed, 0x40 always resident, 0x80 may be non-resident.
 */
final class AttrDefTable {

    private static final int ENTRY = 160;

    private record Def(String name, int type, int flags, long min, long max) {
    }

    private static final Def[] DEFS = {
        new Def("$STANDARD_INFORMATION", 0x10, 0x40, 0x30, 0x48),
        new Def("$ATTRIBUTE_LIST", 0x20, 0x80, 0, -1),
        new Def("$FILE_NAME", 0x30, 0x42, 0x44, 0x242),
        new Def("$OBJECT_ID", 0x40, 0x40, 0, 0x100),
        new Def("$SECURITY_DESCRIPTOR", 0x50, 0x80, 0, -1),
        new Def("$VOLUME_NAME", 0x60, 0x40, 2, 0x100),
        new Def("$VOLUME_INFORMATION", 0x70, 0x40, 0xC, 0xC),
        new Def("$DATA", 0x80, 0x00, 0, -1),
        new Def("$INDEX_ROOT", 0x90, 0x40, 0, -1),
        new Def("$INDEX_ALLOCATION", 0xA0, 0x80, 0, -1),
        new Def("$BITMAP", 0xB0, 0x80, 0, -1),
        new Def("$REPARSE_POINT", 0xC0, 0x80, 0, 0x4000),
        new Def("$EA_INFORMATION", 0xD0, 0x40, 8, 8),
        new Def("$EA", 0xE0, 0x00, 0, 0x10000),
        new Def("$LOGGED_UTILITY_STREAM", 0x100, 0x80, 0, 0x10000),
    };

    private AttrDefTable() {
    }

    static byte[] bytes() {
        byte[] b = new byte[(DEFS.length + 1) * ENTRY];
        for (int i = 0; i < DEFS.length; i++) {
            Def d = DEFS[i];
            int o = i * ENTRY;
            Le.putUtf16(b, o, d.name());
            Le.put32(b, o + 128, d.type());
            Le.put32(b, o + 140, d.flags());
            Le.put64(b, o + 144, d.min());
            Le.put64(b, o + 152, d.max());
        }
        return b;
    }
}
