/*
 * setjmp/longjmp for the real-program tests: jumps out of deep recursion, nested jump
 * buffers, values preserved in volatile locals, and longjmp(env, 0) delivering 1.
 * glibc mangles the saved stack and return pointers with a per-process guard (PTR_MANGLE),
 * so this also exercises the thread pointer (FS base) set up at start.
 */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf outer, inner;
static int depth_reached;

static void recurse(int depth, int limit) {
    volatile char pad[64];
    pad[depth % 64] = (char)depth;
    depth_reached = depth;
    if (depth < limit) recurse(depth + 1, limit);
    else longjmp(outer, limit + (pad[depth % 64] != (char)depth));
}

static int nested(int value) {
    volatile int local = value * 3;
    int code = setjmp(inner);
    if (code == 0) {
        local += 1;
        longjmp(inner, value + 100);
    }
    return code + local;
}

int main(void) {
    for (int limit = 0; limit <= 5000; limit += 1250) {
        int code = setjmp(outer);
        if (code == 0 && limit > 0) recurse(1, limit);
        printf("limit=%d code=%d depth=%d\n", limit, code, depth_reached);
    }
    for (int v = 0; v < 4; v++) printf("nested(%d)=%d\n", v, nested(v));
    volatile int counter = 0;
    jmp_buf zero;
    int code = setjmp(zero);
    counter++;
    if (counter < 3) longjmp(zero, 0);
    printf("longjmp(0) delivered %d after %d passes\n", code, counter);
    return 0;
}
