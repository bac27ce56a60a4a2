/*
 * malloc/free stress for the real-program tests: a pseudo-random mix of malloc, calloc,
 * realloc and free over small (brk heap) and large (mmap) blocks, with every block filled
 * and verified. Only contents and alignment are printed, never addresses.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SLOTS = 256, ROUNDS = 4000 };

static uint64_t state = 88172645463325252ull;

static uint64_t next_random(void) {
    state ^= state << 13; state ^= state >> 7; state ^= state << 17;
    return state;
}

struct slot { unsigned char *block; size_t size; unsigned char fill; };

static size_t pick_size(void) {
    uint64_t r = next_random();
    switch (r % 16) {
        case 0: return 0;
        case 1: return (r & 0x300) == 0x300 ? 140000 + r % 60000 : 0;  /* sometimes above the mmap threshold */
        case 2: case 3: return 1000 + r % 8000;
        default: return 1 + r % 256;
    }
}

static int verify(const struct slot *s) {
    for (size_t i = 0; i < s->size; i++)
        if (s->block[i] != (unsigned char)(s->fill + i)) return 0;
    return 1;
}

static void fill(struct slot *s) {
    for (size_t i = 0; i < s->size; i++) s->block[i] = (unsigned char)(s->fill + i);
}

int main(void) {
    static struct slot slots[SLOTS];
    unsigned long mallocs = 0, frees = 0, reallocs = 0, callocs = 0, bad = 0, misaligned = 0;
    uint64_t bytes = 0;
    for (int round = 0; round < ROUNDS; round++) {
        struct slot *s = &slots[next_random() % SLOTS];
        uint64_t action = next_random() % 10;
        if (s->block != NULL && !verify(s)) bad++;
        if (s->block == NULL || action < 3) {
            free(s->block);
            if (s->block) frees++;
            s->size = pick_size();
            s->fill = (unsigned char)next_random();
            if (action == 1) {
                s->block = calloc(1, s->size ? s->size : 1);
                callocs++;
                for (size_t i = 0; i < s->size; i++) if (s->block[i] != 0) { bad++; break; }
            } else {
                s->block = malloc(s->size ? s->size : 1);
                mallocs++;
            }
            fill(s);
        } else if (action < 6) {
            size_t old = s->size;
            size_t size = pick_size();
            unsigned char *grown = realloc(s->block, size ? size : 1);
            reallocs++;
            size_t keep = old < size ? old : size;
            for (size_t i = 0; i < keep; i++) if (grown[i] != (unsigned char)(s->fill + i)) { bad++; break; }
            s->block = grown;
            s->size = size;
            fill(s);
        } else if (action == 6) {
            free(s->block);
            frees++;
            s->block = NULL;
            s->size = 0;
        }
        if (s->block != NULL && ((uintptr_t)s->block & 15) != 0) misaligned++;
        bytes += s->size;
    }
    uint64_t live = 0;
    for (int i = 0; i < SLOTS; i++) {
        if (slots[i].block != NULL) {
            if (!verify(&slots[i])) bad++;
            live += slots[i].size;
            free(slots[i].block);
        }
    }
    void *aligned = aligned_alloc(4096, 3 * 4096);
    int page_aligned = ((uintptr_t)aligned & 4095) == 0;
    free(aligned);
    printf("mallocs=%lu callocs=%lu reallocs=%lu frees=%lu bytes=%llu live=%llu\n", mallocs, callocs,
           reallocs, frees, (unsigned long long)bytes, (unsigned long long)live);
    printf("bad=%lu misaligned=%lu page_aligned=%d\n", bad, misaligned, page_aligned);
    return bad != 0;
}
