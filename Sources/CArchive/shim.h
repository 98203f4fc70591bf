#ifndef C_ARCHIVE_SHIM_H
#define C_ARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>
#endif
