#ifndef INTAKE_SYSTEM_H
#define INTAKE_SYSTEM_H

#ifdef __cplusplus
extern "C" {
#endif

/// `O_DIRECT` (writes that bypass the page cache), which Swift's Glibc module leaves out because glibc declares it
/// only under `_GNU_SOURCE`; 0 where the platform has no such flag (macOS).
int intake_o_direct(void);

#ifdef __cplusplus
}
#endif

#endif
