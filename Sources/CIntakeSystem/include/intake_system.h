#ifndef INTAKE_SYSTEM_H
#define INTAKE_SYSTEM_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/// `O_DIRECT` (writes that bypass the page cache), which Swift's Glibc module leaves out because glibc declares it
/// only under `_GNU_SOURCE`; 0 where the platform has no such flag (macOS).
int intake_o_direct(void);

/// Makes every thread allocate from one malloc arena (glibc's `M_ARENA_MAX` = 1; nothing elsewhere). Call it
/// before the first thread starts. glibc gives each thread that allocates an arena of its own, whose freed pages it
/// keeps: a nightly run's output thread and the connect stage's worker each held 3-4 MB that way, a tenth of the
/// run's peak RSS (issue 5: at most 64 MiB). Allocation on the hot paths is rare and served by each thread's cache
/// (tcache) without the arena's lock.
void intake_share_malloc_arena(void);

/// Asks the CPU to bring the cache line of `address` in, without waiting for it (a hint: never faults). Swift has
/// no prefetch of its own; the orders lane uses it to look up a row's connection before it needs it.
static inline void intake_prefetch(const void *address) {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(address);
#else
    (void)address;
#endif
}

/// Copies `count` bytes from `source` to `target` while checking whether any of them must be escaped in a JSON
/// string (a control character, `"` or `\`); returns 1 when none must, 0 otherwise (what was copied is then to
/// be overwritten). 16 bytes a step: it reads and writes up to 15 bytes past `count`, which both sides must have
/// room for. The job JSON of the orders fast lane copies its fields through this: Swift's SIMD types do not
/// become vector instructions here (measured: 5x slower than 8-byte SWAR in Swift, which this halves again).
static inline int intake_json_copy_plain(uint8_t *target, const uint8_t *source, size_t count) {
#if (defined(__GNUC__) || defined(__clang__)) && defined(__SSE2__)
    typedef char bytes16 __attribute__((vector_size(16), aligned(1)));
    const bytes16 quote = {'"', '"', '"', '"', '"', '"', '"', '"', '"', '"', '"', '"', '"', '"', '"', '"'};
    const bytes16 backslash = {'\\', '\\', '\\', '\\', '\\', '\\', '\\', '\\',
                               '\\', '\\', '\\', '\\', '\\', '\\', '\\', '\\'};
    const bytes16 space = {' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};
    for (size_t offset = 0; offset < count; offset += 16) {
        bytes16 chunk;
        memcpy(&chunk, source + offset, 16);
        memcpy(target + offset, &chunk, 16);
        /* Signed compare: bytes >= 0x80 are negative, so "less than a space" must also be non-negative (else
         * every non-ASCII field would take the slow, escaping path). */
        bytes16 special = (chunk == quote) | (chunk == backslash) | ((chunk < space) & (chunk >= (bytes16){0}));
        unsigned mask = (unsigned)__builtin_ia32_pmovmskb128(special);
        size_t left = count - offset;
        if (left < 16) mask &= (1u << left) - 1;
        if (mask != 0) return 0;
    }
    return 1;
#else
    for (size_t offset = 0; offset < count; offset++) {
        uint8_t byte = source[offset];
        if (byte < 0x20 || byte == '"' || byte == '\\') return 0;
        target[offset] = byte;
    }
    return 1;
#endif
}

/// Copies `count` bytes from `source` to `target`, 16 a step: it reads and writes up to 15 bytes past `count`, which
/// both sides must have room for. For the short fields the orders lane copies into job records, where a call of
/// `memcpy` costs more than the copy. Not unrolled: clang unrolled some copies eightfold, and the set-up of the
/// unrolled loop (its trip count and remainder) ran for every field, ~20 instructions for a copy of one step.
static inline void intake_copy_short(uint8_t *target, const uint8_t *source, size_t count) {
#pragma clang loop unroll(disable) vectorize(disable)
    for (size_t offset = 0; offset < count; offset += 16) {
        uint8_t chunk[16];
        memcpy(chunk, source + offset, 16);
        memcpy(target + offset, chunk, 16);
    }
}

/// Copies exactly `count` bytes from `source` to `target` (nothing read or written outside the two runs), which
/// must not overlap: up to 32 bytes in two loads and two stores (overlapping each other when `count` is not a power
/// of two), longer runs by `memcpy`. For order references (5 to 20 bytes) copied once or twice per order on the
/// output thread, where a `memmove` call cost more than the copy and a byte loop ~5 instructions a byte.
static inline void intake_copy_exact(uint8_t *target, const uint8_t *source, size_t count) {
    if (count >= 16) {
        if (count > 32) {
            memcpy(target, source, count);
            return;
        }
        uint8_t head[16], tail[16];
        memcpy(head, source, 16);
        memcpy(tail, source + count - 16, 16);
        memcpy(target, head, 16);
        memcpy(target + count - 16, tail, 16);
    } else if (count >= 8) {
        uint64_t head, tail;
        memcpy(&head, source, 8);
        memcpy(&tail, source + count - 8, 8);
        memcpy(target, &head, 8);
        memcpy(target + count - 8, &tail, 8);
    } else if (count >= 4) {
        uint32_t head, tail;
        memcpy(&head, source, 4);
        memcpy(&tail, source + count - 4, 4);
        memcpy(target, &head, 4);
        memcpy(target + count - 4, &tail, 4);
    } else if (count > 0) {
        uint8_t first = source[0], middle = source[count >> 1], last = source[count - 1];
        target[0] = first;
        target[count >> 1] = middle;
        target[count - 1] = last;
    }
}

/// Copies `count` bytes from `source` to `target`, 32 a step: it reads and writes up to 31 bytes past `count`, which
/// both sides must have room for. For the connection JSON (~230 bytes) written into every job line, where `memmove`
/// calls were a tenth of the output thread at 1,000,000 orders.
static inline void intake_copy_padded(uint8_t *target, const uint8_t *source, size_t count) {
    for (size_t offset = 0; offset < count; offset += 32) {
        uint8_t chunk[32];
        memcpy(chunk, source + offset, 32);
        memcpy(target + offset, chunk, 32);
    }
}

/// Whether the `count` bytes at `a` and `b` are equal. Up to 16 bytes it compares one 16-byte load of each, masked
/// to `count`, so both sides must have 15 readable bytes past `count`; longer runs go to `memcmp`. For the order
/// reference each row of an orders export is compared with (a `memcmp` call costs more than the comparison).
static inline int intake_equal_short(const uint8_t *a, const uint8_t *b, size_t count) {
    if (count > 16) return memcmp(a, b, count) == 0;
    uint64_t a0, a1, b0, b1;
    memcpy(&a0, a, 8);
    memcpy(&a1, a + 8, 8);
    memcpy(&b0, b, 8);
    memcpy(&b1, b + 8, 8);
    uint64_t low = a0 ^ b0, high = a1 ^ b1;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    low = __builtin_bswap64(low);
    high = __builtin_bswap64(high);
#endif
    /* Byte i of the run is bits 8i..8i+7 of the little-endian words: keep the first `count` bytes. */
    uint64_t low_mask = count >= 8 ? ~0ULL : (1ULL << (8 * count)) - 1;
    uint64_t high_mask = count >= 16 ? ~0ULL : count <= 8 ? 0 : (1ULL << (8 * (count - 8))) - 1;
    return ((low & low_mask) | (high & high_mask)) == 0;
}

/// Adds `delta` to `*value` atomically, with no ordering beyond the value itself (relaxed): for progress counters
/// that one thread bumps on the hot path and another only reads for display. Swift's `Synchronization.Atomic`
/// would do, but it needs macOS 15 and the package targets macOS 14.
static inline void intake_counter_add(int64_t *value, int64_t delta) {
    __atomic_fetch_add(value, delta, __ATOMIC_RELAXED);
}

/// Reads `*value` atomically (relaxed): the reading side of `intake_counter_add`.
static inline int64_t intake_counter_load(const int64_t *value) {
    return __atomic_load_n(value, __ATOMIC_RELAXED);
}

/// Sets `*value` atomically (relaxed): for counters that are set rather than bumped (an input's index).
static inline void intake_counter_store(int64_t *value, int64_t newValue) {
    __atomic_store_n(value, newValue, __ATOMIC_RELAXED);
}

#ifdef __cplusplus
}
#endif

#endif
