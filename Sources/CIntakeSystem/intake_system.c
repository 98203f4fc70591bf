// System constants Swift's C modules do not import.
#define _GNU_SOURCE
#include <fcntl.h>
#include "intake_system.h"

int intake_o_direct(void) {
#ifdef O_DIRECT
    return O_DIRECT;
#else
    return 0;
#endif
}
