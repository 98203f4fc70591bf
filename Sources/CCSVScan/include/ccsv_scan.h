#ifndef CCSV_SCAN_H
#define CCSV_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The structure of a run of CSV bytes that starts at a record start, outside quotes: where its delimiters and
/// line breaks outside quotes are, which fields are quoted or hold doubled quotes, where line breaks inside quotes
/// are, and where the first byte is that a simple RFC 4180 reading cannot explain. `IntakeCSV.CSVReader` turns it
/// into field tables.
typedef struct ccsv_index {
    /// In: room for at least `length + CCSV_SLACK` entries. Out, ascending: the offsets of the delimiters, LFs and
    /// CRs outside quotes, each with `CCSV_QUOTED` set when the byte before it is a closing quote (the field it ends
    /// was quoted) and `CCSV_ESCAPED` set when a doubled quote lies between it and the separator before it.
    uint32_t *separators;
    /// In: room for at least `length + CCSV_SLACK` entries. Out, ascending: the offset of every line break inside
    /// quotes (a CR, or an LF not preceded by a CR).
    uint32_t *quoted_line_breaks;
    /// In: room for at least `2 * (length + CCSV_SLACK)` entries. Out, ascending: for every line break outside
    /// quotes (a CR, or an LF not preceded by a CR: the LF of a CRLF is a separator but no line break of its own),
    /// its offset and its index in `separators`.
    uint32_t *line_breaks;
    /// Out: how many entries `separators` and `quoted_line_breaks` hold, and how many pairs `line_breaks` holds.
    size_t separator_count;
    size_t quoted_line_break_count;
    size_t line_break_count;
    /// Out: how many bytes were indexed; less than `length` only after a malformed quote (`malformed`).
    size_t indexed;
    /// Out: the offset of the first byte where quoting is not well formed (a quote inside an unquoted field, text
    /// after a closing quote), or SIZE_MAX. Offsets from it on mean nothing. It may be `length` (a closing quote as
    /// the last byte, whose follower is unknown).
    size_t malformed;
    /// Out (with `check_utf8`): the offset of the first invalid UTF-8 sequence, or SIZE_MAX. A sequence cut off
    /// by `length` is not reported (nor is anything after it checked).
    size_t invalid_utf8;
} ccsv_index;

/// Room the output arrays need past `length` entries: whole 64-byte blocks are written 8 (AVX-512: 16) offsets at a
/// time.
#define CCSV_SLACK 128
/// Set in a `separators` entry when the field it ends holds a doubled quote.
#define CCSV_ESCAPED 0x80000000u
/// Set in a `separators` entry when the field it ends was quoted (well-formed quoting: it starts with the quote
/// after the separator before it, or the record start, and ends with the closing quote before this one).
#define CCSV_QUOTED 0x40000000u
/// The offset in a `separators` entry.
#define CCSV_OFFSET 0x3FFFFFFFu

/// Indexes `data[0..<length]` (`length` < 2^30), which starts at a record start outside quotes, with the best SIMD
/// kernel this CPU runs (`ccsv_index_avx512` where `ccsv_has_avx512()` says so and `INTAKE_CSV_KERNEL` is not
/// `avx2`, else `ccsv_index_avx2`); call it only when `ccsv_has_simd()` says so (elsewhere it is the portable one).
/// `delimiter` must not be a quote, CR, LF, NUL or a byte >= 0x80.
void ccsv_index_simd(const uint8_t *data, size_t length, uint8_t delimiter, int check_utf8, ccsv_index *index);

/// The AVX2 + PCLMULQDQ kernel (only when `ccsv_has_simd()`).
void ccsv_index_avx2(const uint8_t *data, size_t length, uint8_t delimiter, int check_utf8, ccsv_index *index);

/// The AVX-512 (F, BW, VL) kernel (only when `ccsv_has_avx512()`): the same entries as the others.
void ccsv_index_avx512(const uint8_t *data, size_t length, uint8_t delimiter, int check_utf8, ccsv_index *index);

/// The same with the portable kernel (plain C, 64-bit masks): the reference for the SIMD one, and what runs
/// on CPUs without AVX2.
void ccsv_index_portable(const uint8_t *data, size_t length, uint8_t delimiter, int check_utf8, ccsv_index *index);

/// 1 when this CPU runs `ccsv_index_simd` (x86-64 with AVX2, PCLMULQDQ, BMI1 and POPCNT).
int ccsv_has_simd(void);

/// 1 when this CPU also runs `ccsv_index_avx512` (AVX-512 F, BW and VL, with the operating system's support).
int ccsv_has_avx512(void);

#ifdef __cplusplus
}
#endif

#endif
