package dev.jefevm.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares the host's and JefeVM's results of one case field by field: how it ended (and the
 * exception vector, error code for #GP/#PF, CR2 for #PF), the 16 GPRs, RIP, the defined
 * arithmetic flags and DF, MXCSR, XMM0-15, the x87 control, status (defined bits) and tag words
 * and ST(0)-ST(7) (within {@link X87Tolerance} after a transcendental instruction), and every
 * byte of the data area. GPRs the case excludes ({@link CpuCase#excludedGprs()}) are skipped.
 */
public final class Comparison {

    private static final long COMPARED_FLAGS = 0xCD5; // CF PF AF ZF SF OF and DF (SDM Vol.1 3.4.3)

    private Comparison() {
    }

    /** The fields in which {@code jefe} differs from {@code host}; empty when they agree. */
    public static List<String> differences(CpuCase c, CaseResult host, CaseResult jefe) {
        List<String> d = new ArrayList<>();
        if (host.outcome() != jefe.outcome()) {
            d.add("outcome: host " + host.outcome() + describeVector(host) + ", jefevm " + jefe.outcome()
                    + describeVector(jefe) + (jefe.detail().isEmpty() ? "" : " (" + jefe.detail() + ")"));
            return d;
        }
        if (host.outcome() == CaseResult.Outcome.EXCEPTION) {
            if (host.vector() != jefe.vector()) {
                d.add("vector: host " + host.vector() + ", jefevm " + jefe.vector());
            } else if ((host.vector() == 13 || host.vector() == 14) && host.errorCode() != jefe.errorCode()) {
                d.add(String.format("error code: host %x, jefevm %x", host.errorCode(), jefe.errorCode()));
            }
            if (host.vector() == 14 && host.faultAddress() != jefe.faultAddress()) {
                d.add(String.format("cr2: host %x, jefevm %x", host.faultAddress(), jefe.faultAddress()));
            }
        }
        for (int i = 0; i < 16; i++) {
            if (c.comparesGpr(i) && host.gpr()[i] != jefe.gpr()[i]) {
                d.add(String.format("%s: host %x, jefevm %x", StateText.GPR_NAMES[i], host.gpr()[i], jefe.gpr()[i]));
            }
        }
        if (host.rip() != jefe.rip()) {
            d.add(String.format("rip: host %x, jefevm %x", host.rip(), jefe.rip()));
        }
        long mask = COMPARED_FLAGS & ~c.undefinedFlags();
        if (((host.rflags() ^ jefe.rflags()) & mask) != 0) {
            d.add(String.format("rflags (compared bits %x): host %x, jefevm %x", mask, host.rflags() & mask,
                    jefe.rflags() & mask));
        }
        if (host.mxcsr() != jefe.mxcsr()) {
            d.add(String.format("mxcsr: host %x, jefevm %x", host.mxcsr(), jefe.mxcsr()));
        }
        for (int i = 0; i < 16; i++) {
            long hl = host.xmm()[2 * i], hh = host.xmm()[2 * i + 1], jl = jefe.xmm()[2 * i], jh = jefe.xmm()[2 * i + 1];
            if (hl != jl || hh != jh) {
                d.add(String.format("xmm%d: host %016x_%016x, jefevm %016x_%016x", i, hh, hl, jh, jl));
            }
        }
        compareX87(c, host.x87(), jefe.x87(), d);
        compareMemory(host, jefe, d);
        return d;
    }

    private static String describeVector(CaseResult r) {
        return r.outcome() == CaseResult.Outcome.EXCEPTION ? " #" + r.vector() : "";
    }

    private static void compareX87(CpuCase c, X87State h, X87State j, List<String> d) {
        if (h.control() != j.control()) {
            d.add(String.format("fcw: host %x, jefevm %x", h.control(), j.control()));
        }
        boolean tolerant = X87Tolerance.appliesTo(c);
        int statusMask = 0xFFFF & ~c.undefinedFpuStatus() & (tolerant ? ~X87Tolerance.C1 : 0xFFFF);
        if (((h.status() ^ j.status()) & statusMask) != 0) {
            d.add(String.format("fsw (compared bits %x): host %x, jefevm %x", statusMask, h.status() & statusMask,
                    j.status() & statusMask));
        }
        boolean tolerated = tolerant && ((h.status() ^ j.status()) & X87Tolerance.C1 & ~c.undefinedFpuStatus()) != 0;
        if (h.abridgedTags() != j.abridgedTags()) {
            d.add(String.format("ftw: host %x, jefevm %x", h.abridgedTags(), j.abridgedTags()));
        }
        for (int i = 0; i < 8; i++) {
            if (h.mantissa()[i] != j.mantissa()[i] || h.exponent()[i] != j.exponent()[i]) {
                if (tolerant && X87Tolerance.withinOneUlp(h.mantissa()[i], h.exponent()[i], j.mantissa()[i],
                        j.exponent()[i])) {
                    tolerated = true;
                } else {
                    d.add("st" + i + ": host " + h.register(i) + ", jefevm " + j.register(i));
                }
            }
        }
        if (tolerated) {
            X87Tolerance.recordTolerated();
        }
    }

    private static void compareMemory(CaseResult host, CaseResult jefe, List<String> d) {
        int[] ho = host.changedOffsets(), jo = jefe.changedOffsets();
        byte[] hv = host.changedValues(), jv = jefe.changedValues();
        int i = 0, k = 0, reported = 0;
        while ((i < ho.length || k < jo.length) && reported < 8) {
            int hOff = i < ho.length ? ho[i] : Integer.MAX_VALUE;
            int jOff = k < jo.length ? jo[k] : Integer.MAX_VALUE;
            if (hOff == jOff) {
                if (hv[i] != jv[k]) {
                    d.add(String.format("memory +%x: host %02x, jefevm %02x", hOff, hv[i] & 0xFF, jv[k] & 0xFF));
                    reported++;
                }
                i++;
                k++;
            } else if (hOff < jOff) {
                d.add(String.format("memory +%x: host wrote %02x, jefevm left it", hOff, hv[i] & 0xFF));
                reported++;
                i++;
            } else {
                d.add(String.format("memory +%x: jefevm wrote %02x, host left it", jOff, jv[k] & 0xFF));
                reported++;
                k++;
            }
        }
    }
}
