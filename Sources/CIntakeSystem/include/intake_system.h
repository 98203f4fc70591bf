#ifndef INTAKE_SYSTEM_H
#define INTAKE_SYSTEM_H

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

#ifdef __cplusplus
}
#endif

#endif
