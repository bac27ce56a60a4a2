package dev.jefevm.core.memory;

/** Told when the guest writes a physical page that holds decoded (or compiled) code. */
@FunctionalInterface
public interface CodeWriteListener {

    /** The page with frame number {@code pageFrame} was written; its cached code is stale. */
    void codePageWritten(long pageFrame);
}
