package dev.jefevm.core.cpu.jit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guest code one translation reads: copies of the code pages by linear page (with the frame
 * each was mapped to and its generation when copied) and the call targets the call-site profile
 * gave. It is filled on the vCPU thread, where a page or a target not seen yet is fetched from the
 * live machine ({@link Source}), then {@linkplain #seal() sealed}: the compiler thread rebuilds the
 * trace (a shorter one, if the first is too long for HotSpot) from exactly what was recorded, so
 * the unit's validity checks cover every byte it was made from.
 */
final class CodeSnapshot {

    /** A copy of one 4 KiB code page: where it was (linear page, physical page) and its generation. */
    record Page(long linear, long phys, byte[] bytes, int generation) {
    }

    /** The live machine, on the vCPU thread. */
    interface Source {
        /** The page at {@code linearPage}, copied and marked as holding code, or null if it cannot be fetched now. */
        Page fetch(long linearPage);

        /** The one target the call at {@code siteRip} has been seen going to, or -1. */
        long callTarget(long siteRip);
    }

    /** The translation key (MMU epoch and CPL) under which the pages were mapped as recorded. */
    final int translationKey;
    /** Whether the trace takes in leaf callees (a hot unit's second translation) or stops at calls. */
    final boolean inlineCalls;
    private final Map<Long, Page> pages = new LinkedHashMap<>();
    private final Map<Long, Long> targets = new HashMap<>();
    private Source source;

    /** A snapshot starting from the entry's page, fetching more from {@code source} (null: only this page). */
    CodeSnapshot(Page entryPage, Source source, int translationKey, boolean inlineCalls) {
        pages.put(entryPage.linear(), entryPage);
        this.source = source;
        this.translationKey = translationKey;
        this.inlineCalls = inlineCalls;
    }

    /** The copy of the page at {@code linearPage}, or null. */
    Page page(long linearPage) {
        Page p = pages.get(linearPage);
        if (p == null && source != null && !pages.containsKey(linearPage)) {
            p = source.fetch(linearPage);
            pages.put(linearPage, p);
        }
        return p;
    }

    /** The profiled target of the call at {@code siteRip}, or -1. */
    long callTarget(long siteRip) {
        Long t = targets.get(siteRip);
        if (t == null) {
            t = source == null ? -1 : source.callTarget(siteRip);
            targets.put(siteRip, t);
        }
        return t;
    }

    /** From now on only what was recorded is seen (the snapshot may go to another thread). */
    CodeSnapshot seal() {
        source = null;
        return this;
    }

    /** The entry's page. */
    Page entryPage() {
        return pages.values().iterator().next();
    }

    /** The pages fetched so far that exist, the entry's first. */
    List<Page> fetchedPages() {
        List<Page> out = new ArrayList<>();
        for (Page p : pages.values()) {
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }
}
