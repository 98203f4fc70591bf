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
/// `memcpy` costs more than the copy.
static inline void intake_copy_short(uint8_t *target, const uint8_t *source, size_t count) {
    for (size_t offset = 0; offset < count; offset += 16) {
        uint8_t chunk[16];
        memcpy(chunk, source + offset, 16);
        memcpy(target + offset, chunk, 16);
    }
}

#ifdef __cplusplus
}
#endif

#endif
