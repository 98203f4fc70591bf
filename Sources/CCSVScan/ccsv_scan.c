/*
 * The structural indexer behind IntakeCSV's CSVReader.
 *
 * Why this is written by hand, in C: reading CSV is the hot path of every import (a Shopify export has a field
 * every 4.4 bytes), and measured on our machines a byte-at-a-time Swift scanner reads ~300 MB/s, SWAR ~550 MB/s
 * and Swift's SIMD types less (and they collapse under -Ounchecked); see ../shared/design/performance-notes.md.
 * Reaching 1 GB/s needs 64-byte compare masks, a carry-less multiply for the prefix XOR that marks quoted
 * regions, and bit walks with tzcnt/popcnt, which Swift cannot express at speed. No library does this for us
 * with our semantics (a reader that reports stray quotes, physical lines and invalid UTF-8 per record), so this
 * file does only that one job; everything else (records, fields, problems, recovery) stays in Swift, and any input
 * this index cannot explain is read again by the Swift byte-at-a-time scanner, the reference.
 *
 * Per 64-byte block: masks of quotes, delimiters, LFs, CRs and non-ASCII bytes; `inside` = prefix XOR of the quote
 * mask (set from an opening quote up to, not including, its closing quote; a doubled quote inside quotes closes
 * and reopens); delimiters and line breaks outside quotes are the separators. Each separator's entry also says
 * whether the field it ends was quoted and whether it holds a doubled quote, so that the reader finds a record's
 * fields from its separators alone (a field every 4.4 bytes: per-field work dominates). Quoting is well
 * formed (RFC 4180) when every opening quote follows a separator, a closing quote or the start, and every closing
 * quote is followed by a separator or an opening quote (which makes the pair a doubled quote); the first byte where
 * that fails is reported, and the reader does not trust anything from there on.
 */
#include "ccsv_scan.h"

#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define CCSV_X86 1
#include <immintrin.h>
#endif

#define ALWAYS_INLINE static inline __attribute__((always_inline))
/* Hides a value from the optimizer (no code). */
#define OPAQUE(value) __asm__("" : "+r"(value))

typedef struct {
    uint64_t quote, delimiter, lf, cr, high;
} block_masks;

typedef struct {
    uint64_t inside;       /* all ones when the previous block ended inside quotes */
    uint64_t prev_ok;      /* bit 0: the previous byte may precede an opening quote (start, separator, closing quote) */
    uint64_t prev_close;   /* bit 0: the previous byte was a closing quote */
    uint64_t prev_cr;      /* bit 0: the previous byte was a CR */
    uint64_t escape_open;  /* bit 0: a field with a doubled quote goes on past the previous block */
    size_t utf8_next;      /* UTF-8 is checked from here on (the end of the last sequence walked) */
    int utf8_walked;       /* `utf8_next` is exact: no block was checked with vectors since the last walk */
    int check_utf8;
    uint32_t *separators;
    uint32_t *quoted_line_breaks;
    uint32_t *line_breaks;
} scan_state;

/* What a block adds to the separators: their mask, and the masks of those that end a quoted field (the byte before
 * is a closing quote) or a field with a doubled quote. */
typedef struct {
    uint64_t separators, quoted, escaped;
    int stop; /* quoting is malformed in the block: indexing stops after it */
} block_result;

/* The length of the valid UTF-8 sequence at `i` (a byte >= 0x80), 0 when it is invalid, -1 when `length` cuts
 * off a sequence that is valid so far. The same rules as `UTF8Validation` in IntakeCSV. */
ALWAYS_INLINE int utf8_sequence(const uint8_t *data, size_t i, size_t length) {
    uint8_t lead = data[i];
    uint8_t lower = 0x80, upper = 0xBF;
    int n;
    if (lead < 0xC2) return 0;
    if (lead <= 0xDF) n = 2;
    else if (lead == 0xE0) { n = 3; lower = 0xA0; }
    else if (lead <= 0xEC) n = 3;
    else if (lead == 0xED) { n = 3; upper = 0x9F; }
    else if (lead <= 0xEF) n = 3;
    else if (lead == 0xF0) { n = 4; lower = 0x90; }
    else if (lead <= 0xF3) n = 4;
    else if (lead == 0xF4) { n = 4; upper = 0x8F; }
    else return 0;
    int available = (int)(length - i < (size_t)n ? length - i : (size_t)n);
    for (int k = 1; k < available; k++) {
        uint8_t byte = data[i + k];
        uint8_t lo = k == 1 ? lower : 0x80, hi = k == 1 ? upper : 0xBF;
        if (byte < lo || byte > hi) return 0;
    }
    return available == n ? n : -1;
}

/* Writes the offsets of the set bits of `bits` (plus `base`); may write up to 16 entries past them. 16 entries
 * unconditionally (a block of this data has 14.5 separators on average), then 8 at a time: few branches to
 * mispredict. Kept scalar on purpose (tzcnt + blsr per entry): the empty asm makes each step opaque, or the
 * vectorizers would turn the unrolled steps into slower vector code. The portable kernel's; the SIMD one has
 * `flatten_avx2`. */
ALWAYS_INLINE uint32_t *flatten_scalar(uint32_t *__restrict out, uint32_t base, uint64_t bits) {
    int count = __builtin_popcountll(bits);
    /* `| 1 << 63` keeps ctz defined once the bits run out; those entries are past `count` and get overwritten. */
#define FLATTEN_ONE(k)                                                                                             \
    do {                                                                                                           \
        uint64_t at = (uint64_t)__builtin_ctzll(bits | (1ULL << 63));                                              \
        OPAQUE(at);                                                                                                \
        out[k] = base + (uint32_t)at;                                                                              \
        bits &= bits - 1;                                                                                          \
    } while (0)
#define FLATTEN_EIGHT(k)                                                                                           \
    do {                                                                                                           \
        FLATTEN_ONE((k) + 0); FLATTEN_ONE((k) + 1); FLATTEN_ONE((k) + 2); FLATTEN_ONE((k) + 3);                    \
        FLATTEN_ONE((k) + 4); FLATTEN_ONE((k) + 5); FLATTEN_ONE((k) + 6); FLATTEN_ONE((k) + 7);                    \
    } while (0)
    FLATTEN_EIGHT(0);
    FLATTEN_EIGHT(8);
    for (int k = 16; k < count; k += 8) FLATTEN_EIGHT(k);
#undef FLATTEN_EIGHT
#undef FLATTEN_ONE
    return out + count;
}

/* Sets the flags of the entries `flatten` wrote for a block (`out` is its first). Quoted fields and doubled quotes
 * are few (a handful per record): the first flagged entry is updated unconditionally (with no flag, an entry past
 * the block's, which the next block overwrites, gets nothing or'ed in), the others in a loop. */
ALWAYS_INLINE void flag_separators(uint32_t *out, uint64_t separators, uint64_t quoted, uint64_t escaped) {
    uint64_t flagged = quoted | escaped;
    do {
        int bit = __builtin_ctzll(flagged | (1ULL << 63));
        uint32_t flags = ((uint32_t)(quoted >> bit) & 1) * CCSV_QUOTED;
        flags |= ((uint32_t)(escaped >> bit) & 1) * CCSV_ESCAPED;
        out[__builtin_popcountll(separators & ((1ULL << bit) - 1))] |= flags;
        flagged &= flagged - 1;
    } while (flagged != 0);
}

/* `flatten_scalar`, then the entries' flags. */
ALWAYS_INLINE uint32_t *flatten_scalar_flagged(uint32_t *out, uint32_t base, uint64_t separators, uint64_t quoted,
                                               uint64_t escaped) {
    uint32_t *end = flatten_scalar(out, base, separators);
    flag_separators(out, separators, quoted, escaped);
    return end;
}

/* Walks the non-ASCII bytes of the block at `base` (`high`) one sequence at a time, from `s->utf8_next`: exact,
 * and it locates the first invalid sequence. `utf8_sequence` looks past the block, so `utf8_next` may end up in the
 * next one. */
ALWAYS_INLINE void utf8_walk(scan_state *s, const uint8_t *data, size_t length, size_t base, uint64_t high,
                             ccsv_index *index) {
    while (high != 0) {
        size_t i = base + (size_t)__builtin_ctzll(high);
        high &= high - 1;
        if (i < s->utf8_next) continue;
        int n = utf8_sequence(data, i, length);
        if (n > 0) {
            s->utf8_next = i + (size_t)n;
            continue;
        }
        if (n == 0) index->invalid_utf8 = i;
        s->check_utf8 = 0;
        return;
    }
}

/* The portable kernel checks UTF-8 by walking every block with non-ASCII bytes. */
ALWAYS_INLINE void utf8_portable(scan_state *s, const uint8_t *data, size_t length, size_t base, const uint8_t *block,
                                 uint64_t high, ccsv_index *index) {
    (void)block;
    if (s->check_utf8 && high != 0) utf8_walk(s, data, length, base, high, index);
}

/* One block at `base`, given its masks and the prefix XOR of its quote mask: records its line breaks, quoted line
 * breaks and malformed quoting; its separators and UTF-8 are left to the caller (`s->separators` must still point
 * at where they go). */
ALWAYS_INLINE block_result index_block(scan_state *s, block_masks m, uint64_t quote_prefix, size_t base,
                                       ccsv_index *index) {
    uint64_t inside = quote_prefix ^ s->inside;
    s->inside = (uint64_t)((int64_t)inside >> 63);
    uint64_t open = m.quote & inside;
    uint64_t close = m.quote & ~inside;
    uint64_t separators = (m.delimiter | m.lf | m.cr) & ~inside;
    uint64_t after_close = (close << 1) | s->prev_close;
    uint64_t may_open = ((separators | close) << 1) | s->prev_ok;
    uint64_t malformed = (open & ~may_open) | (after_close & ~(separators | open));
    uint64_t escapes = open & after_close;
    uint64_t after_cr = (m.cr << 1) | s->prev_cr;
    /* A CRLF is one line break (its CR stands for it); a CR alone or an LF alone is one too. */
    uint64_t line_ends = (m.lf & ~after_cr) | m.cr;
    uint64_t quoted_lines = line_ends & inside;
    /* The separator after each doubled quote ends a field that holds one: subtracting the doubled quotes' bits from
     * the separators' clears the first separator at or after each of them (the borrow runs up to it), and a borrow
     * out of the block carries to the next one. */
    uint64_t escape_starts = escapes | s->escape_open;
    uint64_t escaped = separators & ~(separators - escape_starts);
    s->escape_open = separators < escape_starts;
    s->prev_ok = (separators | close) >> 63;
    s->prev_close = close >> 63;
    s->prev_cr = m.cr >> 63;

    /* Line breaks are rare (one per record): each with its index among the separators, so that the reader knows
     * a record's fields before it walks them. Like quoted line breaks, there is mostly none or one in a block: the
     * first is written unconditionally and kept when it exists (no branch to mispredict), the others in a loop. */
    uint64_t line_breaks = line_ends & ~inside;
    uint32_t separators_before = (uint32_t)(s->separators - index->separators);
    do {
        int bit = __builtin_ctzll(line_breaks | (1ULL << 63));
        uint64_t before = separators & ((1ULL << bit) - 1);
        s->line_breaks[0] = (uint32_t)base + (uint32_t)bit;
        s->line_breaks[1] = separators_before + (uint32_t)__builtin_popcountll(before);
        s->line_breaks += line_breaks != 0 ? 2 : 0;
        line_breaks &= line_breaks - 1;
    } while (line_breaks != 0);
    do {
        *s->quoted_line_breaks = (uint32_t)base + (uint32_t)__builtin_ctzll(quoted_lines | (1ULL << 63));
        s->quoted_line_breaks += quoted_lines != 0;
        quoted_lines &= quoted_lines - 1;
    } while (quoted_lines != 0);
    if (malformed != 0) index->malformed = base + (size_t)__builtin_ctzll(malformed);
    block_result result = {separators, after_close & separators, escaped, malformed != 0};
    return result;
}

/* The driver, once per kernel: whole blocks in place, the last partial one from a zero-padded copy (NUL is none
 * of the bytes looked for). A block where quoting turns malformed still gets its separators: the records that end
 * before the malformed byte are read from them. */
#define DEFINE_INDEXER(NAME, ATTRIBUTES, MASKS, PREFIX_XOR, FLATTEN, CHECK_UTF8)                                     \
    ATTRIBUTES void NAME(const uint8_t *data, size_t length, uint8_t delimiter, int check_utf8, ccsv_index *index) { \
        scan_state s = {0, 1, 0, 0, 0, 0, 1, check_utf8, index->separators, index->quoted_line_breaks,         \
                        index->line_breaks};                                                                    \
        index->malformed = SIZE_MAX;                                                                            \
        index->invalid_utf8 = SIZE_MAX;                                                                         \
        size_t base = 0;                                                                                        \
        int stop = 0;                                                                                           \
        uint8_t tail[64];                                                                                       \
        for (; base < length && !stop; base += 64) {                                                            \
            const uint8_t *block = data + base;                                                                 \
            if (base + 64 > length) {                                                                           \
                memset(tail, 0, sizeof tail);                                                                   \
                memcpy(tail, data + base, length - base);                                                       \
                block = tail;                                                                                   \
            }                                                                                                   \
            block_masks m = MASKS(block, delimiter);                                                            \
            block_result r = index_block(&s, m, PREFIX_XOR(m.quote), base, index);                              \
            CHECK_UTF8(&s, data, length, base, block, m.high, index);                                           \
            s.separators = FLATTEN(s.separators, (uint32_t)base, r.separators, r.quoted, r.escaped);             \
            stop = r.stop;                                                                                      \
        }                                                                                                       \
        index->indexed = base < length ? base : length;                                                         \
        index->separator_count = (size_t)(s.separators - index->separators);                                    \
        index->quoted_line_break_count = (size_t)(s.quoted_line_breaks - index->quoted_line_breaks);            \
        index->line_break_count = (size_t)(s.line_breaks - index->line_breaks) / 2;                             \
    }

/* ---- The portable kernel: plain C (SWAR on 64-bit words). ---- */

/* SWAR, 8 bytes at a time: 0x80 in every byte of `x` equal to the byte repeated in `pattern` (exact: no
 * false positives from borrows), and those flags packed into the low 8 bits (byte i to bit i). */
ALWAYS_INLINE uint64_t equal_bytes(uint64_t x, uint64_t pattern) {
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
    uint64_t t = x ^ pattern;
    return ~((((t & low7) + low7) | t) | low7);
}

ALWAYS_INLINE uint64_t pack_flags(uint64_t flags) {
    return ((flags >> 7) * 0x0102040810204080ULL) >> 56;
}

ALWAYS_INLINE block_masks masks_portable(const uint8_t *p, uint8_t delimiter) {
    const uint64_t ones = 0x0101010101010101ULL;
    block_masks m = {0, 0, 0, 0, 0};
    for (int i = 0; i < 8; i++) {
        uint64_t x;
        memcpy(&x, p + 8 * i, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        x = __builtin_bswap64(x);
#endif
        m.quote |= pack_flags(equal_bytes(x, ones * '"')) << (8 * i);
        m.delimiter |= pack_flags(equal_bytes(x, ones * delimiter)) << (8 * i);
        m.lf |= pack_flags(equal_bytes(x, ones * '\n')) << (8 * i);
        m.cr |= pack_flags(equal_bytes(x, ones * '\r')) << (8 * i);
        m.high |= pack_flags(x & (ones * 0x80)) << (8 * i);
    }
    return m;
}

ALWAYS_INLINE uint64_t prefix_xor_portable(uint64_t x) {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}

DEFINE_INDEXER(ccsv_index_portable, , masks_portable, prefix_xor_portable, flatten_scalar_flagged, utf8_portable)

/* ---- The SIMD kernel: AVX2 compares, PCLMULQDQ prefix XOR. ---- */

#ifdef CCSV_X86
#define SIMD_TARGET __attribute__((target("avx2,pclmul,bmi,popcnt")))

SIMD_TARGET static inline block_masks masks_avx2(const uint8_t *p, uint8_t delimiter) {
    __m256i lo = _mm256_loadu_si256((const __m256i *)p);
    __m256i hi = _mm256_loadu_si256((const __m256i *)(p + 32));
#define MASK_OF(byte)                                                                                              \
    ((uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, byte)) |                                       \
     ((uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, byte)) << 32))
    block_masks m;
    m.quote = MASK_OF(_mm256_set1_epi8('"'));
    m.delimiter = MASK_OF(_mm256_set1_epi8((char)delimiter));
    m.lf = MASK_OF(_mm256_set1_epi8('\n'));
    m.cr = MASK_OF(_mm256_set1_epi8('\r'));
#undef MASK_OF
    m.high = (uint64_t)(uint32_t)_mm256_movemask_epi8(lo) | ((uint64_t)(uint32_t)_mm256_movemask_epi8(hi) << 32);
    return m;
}

/* Byte j of entry `b`: the position of the j-th set bit of `b` (the rest 0). */
static const uint64_t flatten_table[256] = {
    0x0, 0x0, 0x1, 0x100, 0x2, 0x200, 0x201, 0x20100, 0x3, 0x300, 0x301, 0x30100, 0x302, 0x30200, 0x30201,
    0x3020100, 0x4, 0x400, 0x401, 0x40100, 0x402, 0x40200, 0x40201, 0x4020100, 0x403, 0x40300, 0x40301, 0x4030100,
    0x40302, 0x4030200, 0x4030201, 0x403020100, 0x5, 0x500, 0x501, 0x50100, 0x502, 0x50200, 0x50201, 0x5020100,
    0x503, 0x50300, 0x50301, 0x5030100, 0x50302, 0x5030200, 0x5030201, 0x503020100, 0x504, 0x50400, 0x50401,
    0x5040100, 0x50402, 0x5040200, 0x5040201, 0x504020100, 0x50403, 0x5040300, 0x5040301, 0x504030100, 0x5040302,
    0x504030200, 0x504030201, 0x50403020100, 0x6, 0x600, 0x601, 0x60100, 0x602, 0x60200, 0x60201, 0x6020100, 0x603,
    0x60300, 0x60301, 0x6030100, 0x60302, 0x6030200, 0x6030201, 0x603020100, 0x604, 0x60400, 0x60401, 0x6040100,
    0x60402, 0x6040200, 0x6040201, 0x604020100, 0x60403, 0x6040300, 0x6040301, 0x604030100, 0x6040302, 0x604030200,
    0x604030201, 0x60403020100, 0x605, 0x60500, 0x60501, 0x6050100, 0x60502, 0x6050200, 0x6050201, 0x605020100,
    0x60503, 0x6050300, 0x6050301, 0x605030100, 0x6050302, 0x605030200, 0x605030201, 0x60503020100, 0x60504,
    0x6050400, 0x6050401, 0x605040100, 0x6050402, 0x605040200, 0x605040201, 0x60504020100, 0x6050403, 0x605040300,
    0x605040301, 0x60504030100, 0x605040302, 0x60504030200, 0x60504030201, 0x6050403020100, 0x7, 0x700, 0x701,
    0x70100, 0x702, 0x70200, 0x70201, 0x7020100, 0x703, 0x70300, 0x70301, 0x7030100, 0x70302, 0x7030200, 0x7030201,
    0x703020100, 0x704, 0x70400, 0x70401, 0x7040100, 0x70402, 0x7040200, 0x7040201, 0x704020100, 0x70403, 0x7040300,
    0x7040301, 0x704030100, 0x7040302, 0x704030200, 0x704030201, 0x70403020100, 0x705, 0x70500, 0x70501, 0x7050100,
    0x70502, 0x7050200, 0x7050201, 0x705020100, 0x70503, 0x7050300, 0x7050301, 0x705030100, 0x7050302, 0x705030200,
    0x705030201, 0x70503020100, 0x70504, 0x7050400, 0x7050401, 0x705040100, 0x7050402, 0x705040200, 0x705040201,
    0x70504020100, 0x7050403, 0x705040300, 0x705040301, 0x70504030100, 0x705040302, 0x70504030200, 0x70504030201,
    0x7050403020100, 0x706, 0x70600, 0x70601, 0x7060100, 0x70602, 0x7060200, 0x7060201, 0x706020100, 0x70603,
    0x7060300, 0x7060301, 0x706030100, 0x7060302, 0x706030200, 0x706030201, 0x70603020100, 0x70604, 0x7060400,
    0x7060401, 0x706040100, 0x7060402, 0x706040200, 0x706040201, 0x70604020100, 0x7060403, 0x706040300, 0x706040301,
    0x70604030100, 0x706040302, 0x70604030200, 0x70604030201, 0x7060403020100, 0x70605, 0x7060500, 0x7060501,
    0x706050100, 0x7060502, 0x706050200, 0x706050201, 0x70605020100, 0x7060503, 0x706050300, 0x706050301,
    0x70605030100, 0x706050302, 0x70605030200, 0x70605030201, 0x7060503020100, 0x7060504, 0x706050400, 0x706050401,
    0x70605040100, 0x706050402, 0x70605040200, 0x70605040201, 0x7060504020100, 0x706050403, 0x70605040300,
    0x70605040301, 0x7060504030100, 0x70605040302, 0x7060504030200, 0x7060504030201, 0x706050403020100,
};

/* Writes the offsets of the set bits of `bits` (plus `base`), 8 bits at a time: the positions of a byte's set bits
 * from `flatten_table`, widened to 32 bits and stored 8 at once, the output advancing by the byte's popcount. The
 * same few instructions for every block whatever its separators (no branch at all), where the scalar walk costs
 * two dependent instructions per separator and a branch that mispredicts on dense blocks. May write up to 8
 * entries past them. */
SIMD_TARGET ALWAYS_INLINE uint32_t *flatten_avx2(uint32_t *out, uint32_t base, uint64_t bits) {
    __m256i offsets = _mm256_set1_epi32((int)base);
    const __m256i eight = _mm256_set1_epi32(8);
    for (int i = 0; i < 8; i++) {
        unsigned byte = (unsigned)(bits >> (8 * i)) & 0xFF;
        __m256i positions = _mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)&flatten_table[byte]));
        _mm256_storeu_si256((__m256i *)out, _mm256_add_epi32(positions, offsets));
        out += __builtin_popcount(byte);
        offsets = _mm256_add_epi32(offsets, eight);
    }
    return out;
}

/* `flatten_avx2`, then the entries' flags. */
SIMD_TARGET ALWAYS_INLINE uint32_t *flatten_avx2_flagged(uint32_t *out, uint32_t base, uint64_t separators,
                                                         uint64_t quoted, uint64_t escaped) {
    uint32_t *end = flatten_avx2(out, base, separators);
    flag_separators(out, separators, quoted, escaped);
    return end;
}

SIMD_TARGET static inline uint64_t prefix_xor_clmul(uint64_t x) {
    __m128i product = _mm_clmulepi64_si128(_mm_set_epi64x(0, (long long)x), _mm_set1_epi8((char)0xFF), 0);
    return (uint64_t)_mm_cvtsi128_si64(product);
}

/* The error classes of the UTF-8 check (Keiser and Lemire's lookup algorithm), one bit each, and its three tables
 * of 16 entries: by the high nibble of the byte before, by its low nibble, and by the high nibble of the byte
 * itself. The AVX2 and AVX-512 checks repeat them in every 128-bit lane. */
enum {
    TOO_SHORT = 1 << 0,      /* 11______ 0_______ or 11______ 11______ */
    TOO_LONG = 1 << 1,       /* 0_______ 10______ */
    OVERLONG_3 = 1 << 2,     /* 11100000 100_____ */
    TOO_LARGE = 1 << 3,      /* 11110100 1001____, 11110100 101_____, 11110101+ 1001____ or 101_____ */
    SURROGATE = 1 << 4,      /* 11101101 101_____ */
    OVERLONG_2 = 1 << 5,     /* 1100000_ 10______ */
    TOO_LARGE_1000 = 1 << 6, /* 11110101+ 1000____ */
    OVERLONG_4 = 1 << 6,     /* 11110000 1000____ */
    TWO_CONTS = -0x80,       /* 10______ 10______ (bit 7, negative to fit a char) */
    CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS,
};
#define UTF8_BYTE_1_HIGH                                                                                         \
    TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TWO_CONTS, TWO_CONTS,          \
        TWO_CONTS, TWO_CONTS, TOO_SHORT | OVERLONG_2, TOO_SHORT, TOO_SHORT | OVERLONG_3 | SURROGATE,               \
        TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4
#define UTF8_BYTE_1_LOW                                                                                          \
    CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4, CARRY | OVERLONG_2, CARRY, CARRY, CARRY | TOO_LARGE,             \
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000, \
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000, \
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,                                    \
        CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE, CARRY | TOO_LARGE | TOO_LARGE_1000,                        \
        CARRY | TOO_LARGE | TOO_LARGE_1000
#define UTF8_BYTE_2_HIGH                                                                                         \
    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,                        \
        TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,                              \
        TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE, TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE, \
        TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT

/* UTF-8 by vectors: the lookup algorithm of Keiser and Lemire ("Validating UTF-8 In Less Than One Instruction Per
 * Byte", 2021, as in simdjson). Each byte is classified by three table lookups (the high and low nibble of the byte
 * before it, the high nibble of itself) whose AND is non-zero exactly for the 2-byte errors (too short, too long,
 * overlong, surrogate, too large); the 3rd and 4th bytes of longer sequences must be continuations, which a
 * saturating subtraction on the bytes 2 and 3 back tells. It runs on every block, ASCII or not: a branch on "has
 * non-ASCII bytes" mispredicts on this data (one block in five has some), where this is ~40 instructions. */
SIMD_TARGET ALWAYS_INLINE __m256i utf8_bytes_back(__m256i input, __m256i before, int n) {
    __m256i joined = _mm256_permute2x128_si256(before, input, 0x21);
    switch (n) {
    case 1: return _mm256_alignr_epi8(input, joined, 15);
    case 2: return _mm256_alignr_epi8(input, joined, 14);
    default: return _mm256_alignr_epi8(input, joined, 13);
    }
}

/* Non-zero bytes where the 32 bytes of `input` (after the 32 of `before`) are not valid UTF-8; a sequence that
 * `input` leaves unfinished shows up in the next 32 bytes. */
SIMD_TARGET ALWAYS_INLINE __m256i utf8_errors(__m256i input, __m256i before) {
    const __m256i low_nibble = _mm256_set1_epi8(0x0F);
    __m256i previous = utf8_bytes_back(input, before, 1);
    const __m256i byte_1_high_table = _mm256_setr_epi8(UTF8_BYTE_1_HIGH, UTF8_BYTE_1_HIGH);
    const __m256i byte_1_low_table = _mm256_setr_epi8(UTF8_BYTE_1_LOW, UTF8_BYTE_1_LOW);
    const __m256i byte_2_high_table = _mm256_setr_epi8(UTF8_BYTE_2_HIGH, UTF8_BYTE_2_HIGH);
    /* No 16-bit lane shift for bytes: shift 16-bit lanes and mask, as simdjson does. */
    __m256i previous_high = _mm256_and_si256(_mm256_srli_epi16(previous, 4), low_nibble);
    __m256i byte_1_high = _mm256_shuffle_epi8(byte_1_high_table, previous_high);
    __m256i byte_1_low = _mm256_shuffle_epi8(byte_1_low_table, _mm256_and_si256(previous, low_nibble));
    __m256i input_high = _mm256_and_si256(_mm256_srli_epi16(input, 4), low_nibble);
    __m256i byte_2_high = _mm256_shuffle_epi8(byte_2_high_table, input_high);
    __m256i special = _mm256_and_si256(_mm256_and_si256(byte_1_high, byte_1_low), byte_2_high);
    /* The 3rd byte of a 3- or 4-byte sequence (2 after a lead >= 0xE0) and the 4th of a 4-byte one (3 after a
     * lead >= 0xF0) must be continuations: TWO_CONTS there, and only there. */
    __m256i third = _mm256_subs_epu8(utf8_bytes_back(input, before, 2), _mm256_set1_epi8((char)(0xE0 - 0x80)));
    __m256i fourth = _mm256_subs_epu8(utf8_bytes_back(input, before, 3), _mm256_set1_epi8((char)(0xF0 - 0x80)));
    __m256i must_continue = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8((char)0x80));
    return _mm256_xor_si256(must_continue, special);
}

/* Where the walk picks up at `base` after blocks checked with vectors: at the start of a sequence begun in the 3
 * bytes before `base` that reaches it (those bytes are valid as far as they go, so the last lead byte among them is
 * such a start), else at `base`. After a walk, where it ended. The sequence begun before `base` is walked at once. */
ALWAYS_INLINE void utf8_resume(scan_state *s, const uint8_t *data, size_t length, size_t base, ccsv_index *index) {
    if (!s->utf8_walked) {
        s->utf8_next = base;
        for (size_t back = 1; back <= 3 && back <= base; back++) {
            uint8_t byte = data[base - back];
            if (byte < 0x80) break;
            if (byte >= 0xC0) {
                if (back < (byte >= 0xF0 ? 4u : byte >= 0xE0 ? 3u : 2u)) s->utf8_next = base - back;
                break;
            }
        }
        s->utf8_walked = 1;
    }
    if (s->utf8_next < base) utf8_walk(s, data, length, s->utf8_next, 1, index);
}

/* The SIMD kernel's UTF-8 check of the block at `base`: vectors over the block and the 32 bytes before it (a chunk
 * starts at a record start, after ASCII: zeros stand for what is before it). When they find an error, or a
 * sequence the block (zero-padded at the end of the input) leaves unfinished, the walk takes over for the block.
 * A block that ends the input exactly has no next block to show an invalid lead byte as its last (0xC0, 0xC1,
 * 0xF5-0xFF, which vectors take for the start of a sequence cut off): the walk looks at its last sequence. */
SIMD_TARGET ALWAYS_INLINE void utf8_avx2(scan_state *s, const uint8_t *data, size_t length, size_t base,
                                         const uint8_t *block, uint64_t high, ccsv_index *index) {
    if (!s->check_utf8) return;
    __m256i lo = _mm256_loadu_si256((const __m256i *)block);
    __m256i hi = _mm256_loadu_si256((const __m256i *)(block + 32));
    __m256i before = base >= 32 ? _mm256_loadu_si256((const __m256i *)(data + base - 32)) : _mm256_setzero_si256();
    __m256i errors = _mm256_or_si256(utf8_errors(lo, before), utf8_errors(hi, lo));
    if (_mm256_testz_si256(errors, errors)) {
        s->utf8_walked = 0;
        if (base + 64 == length) utf8_resume(s, data, length, length, index);
        return;
    }
    utf8_resume(s, data, length, base, index);
    if (s->check_utf8) utf8_walk(s, data, length, base, high, index);
}

DEFINE_INDEXER(ccsv_index_avx2, SIMD_TARGET, masks_avx2, prefix_xor_clmul, flatten_avx2_flagged, utf8_avx2)

/* ---- The AVX-512 kernel: the AVX2 one's steps, 64 bytes a vector. ---- */

/* AVX-512 F, BW and VL (Skylake-SP and later, Zen 4), and what the AVX2 kernel needs (its prefix XOR is shared). A
 * block's masks are one compare each straight into a mask register (AVX2 compares two halves and moves each mask
 * out), separators are flattened 16 at a time by VPCOMPRESSD (AVX2 walks 8 table lookups), and UTF-8 is checked
 * in one 64-byte vector (two of 32 with AVX2). */
#define AVX512_TARGET __attribute__((target("avx512f,avx512bw,avx512vl,avx2,pclmul,bmi,popcnt")))

AVX512_TARGET static inline block_masks masks_avx512(const uint8_t *p, uint8_t delimiter) {
    __m512i bytes = _mm512_loadu_si512((const void *)p);
    block_masks m;
    m.quote = _mm512_cmpeq_epi8_mask(bytes, _mm512_set1_epi8('"'));
    m.delimiter = _mm512_cmpeq_epi8_mask(bytes, _mm512_set1_epi8((char)delimiter));
    m.lf = _mm512_cmpeq_epi8_mask(bytes, _mm512_set1_epi8('\n'));
    m.cr = _mm512_cmpeq_epi8_mask(bytes, _mm512_set1_epi8('\r'));
    m.high = _mm512_movepi8_mask(bytes);
    return m;
}

/* Writes the entries of the separators of a block (`separators`, plus `base`, with their flags), 16 bits a step:
 * a vector of 16 consecutive offsets gets the flags of its lanes (masked ORs), and the lanes of separators are
 * compressed to its front and stored whole, the output advancing by their count. Flagging here, in registers,
 * and not in the entries once stored (`flag_separators`), saves a store-forwarding stall per quoted field: a
 * 4-byte load from a 64-byte store just made cannot be forwarded. May write up to 16 entries past them. */
AVX512_TARGET ALWAYS_INLINE uint32_t *flatten_avx512(uint32_t *out, uint32_t base, uint64_t separators, uint64_t quoted,
                                                     uint64_t escaped) {
    __m512i offsets = _mm512_add_epi32(_mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
                                       _mm512_set1_epi32((int)base));
    const __m512i sixteen = _mm512_set1_epi32(16);
    const __m512i quoted_flag = _mm512_set1_epi32((int)CCSV_QUOTED);
    const __m512i escaped_flag = _mm512_set1_epi32((int)CCSV_ESCAPED);
    for (int i = 0; i < 4; i++) {
        __mmask16 lanes = (__mmask16)(separators >> (16 * i));
        __m512i entries = _mm512_mask_or_epi32(offsets, (__mmask16)(quoted >> (16 * i)), offsets, quoted_flag);
        entries = _mm512_mask_or_epi32(entries, (__mmask16)(escaped >> (16 * i)), entries, escaped_flag);
        _mm512_storeu_si512((void *)out, _mm512_maskz_compress_epi32(lanes, entries));
        out += __builtin_popcount((unsigned)lanes);
        offsets = _mm512_add_epi32(offsets, sixteen);
    }
    return out;
}

/* `input` shifted by `n` bytes, the bytes before it taken from the end of `before`: the 128-bit lanes moved up one
 * lane (the first from `before`'s last), then each lane joined with the one before it. */
AVX512_TARGET ALWAYS_INLINE __m512i utf8_bytes_back_512(__m512i input, __m512i before, int n) {
    __m512i lanes_back = _mm512_alignr_epi64(input, before, 6);
    switch (n) {
    case 1: return _mm512_alignr_epi8(input, lanes_back, 15);
    case 2: return _mm512_alignr_epi8(input, lanes_back, 14);
    default: return _mm512_alignr_epi8(input, lanes_back, 13);
    }
}

/* `utf8_errors` for 64 bytes. */
AVX512_TARGET ALWAYS_INLINE __m512i utf8_errors_512(__m512i input, __m512i before) {
    const __m512i low_nibble = _mm512_set1_epi8(0x0F);
    __m512i previous = utf8_bytes_back_512(input, before, 1);
    const __m512i byte_1_high_table = _mm512_broadcast_i32x4(_mm_setr_epi8(UTF8_BYTE_1_HIGH));
    const __m512i byte_1_low_table = _mm512_broadcast_i32x4(_mm_setr_epi8(UTF8_BYTE_1_LOW));
    const __m512i byte_2_high_table = _mm512_broadcast_i32x4(_mm_setr_epi8(UTF8_BYTE_2_HIGH));
    __m512i previous_high = _mm512_and_si512(_mm512_srli_epi16(previous, 4), low_nibble);
    __m512i byte_1_high = _mm512_shuffle_epi8(byte_1_high_table, previous_high);
    __m512i byte_1_low = _mm512_shuffle_epi8(byte_1_low_table, _mm512_and_si512(previous, low_nibble));
    __m512i input_high = _mm512_and_si512(_mm512_srli_epi16(input, 4), low_nibble);
    __m512i byte_2_high = _mm512_shuffle_epi8(byte_2_high_table, input_high);
    __m512i special = _mm512_and_si512(_mm512_and_si512(byte_1_high, byte_1_low), byte_2_high);
    __m512i third = _mm512_subs_epu8(utf8_bytes_back_512(input, before, 2), _mm512_set1_epi8((char)(0xE0 - 0x80)));
    __m512i fourth = _mm512_subs_epu8(utf8_bytes_back_512(input, before, 3), _mm512_set1_epi8((char)(0xF0 - 0x80)));
    __m512i must_continue = _mm512_and_si512(_mm512_or_si512(third, fourth), _mm512_set1_epi8((char)0x80));
    return _mm512_xor_si512(must_continue, special);
}

/* `utf8_avx2` with one 64-byte vector, the 64 bytes before the block standing before it. */
AVX512_TARGET ALWAYS_INLINE void utf8_avx512(scan_state *s, const uint8_t *data, size_t length, size_t base,
                                             const uint8_t *block, uint64_t high, ccsv_index *index) {
    if (!s->check_utf8) return;
    __m512i input = _mm512_loadu_si512((const void *)block);
    __m512i before = base >= 64 ? _mm512_loadu_si512((const void *)(data + base - 64)) : _mm512_setzero_si512();
    __m512i errors = utf8_errors_512(input, before);
    if (_mm512_test_epi8_mask(errors, errors) == 0) {
        s->utf8_walked = 0;
        if (base + 64 == length) utf8_resume(s, data, length, length, index);
        return;
    }
    utf8_resume(s, data, length, base, index);
    if (s->check_utf8) utf8_walk(s, data, length, base, high, index);
}

DEFINE_INDEXER(ccsv_index_avx512, AVX512_TARGET, masks_avx512, prefix_xor_clmul, flatten_avx512, utf8_avx512)

int ccsv_has_avx512(void) {
    __builtin_cpu_init();
    return ccsv_has_simd() && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512vl");
}

/* Which kernel `ccsv_index_simd` runs, decided at its first call: 2 = AVX-512, 1 = AVX2 (also when
 * `INTAKE_CSV_KERNEL=avx2` asks for it). Readers on several threads may decide at once: they decide the same. */
static int simd_choice = 0;

void ccsv_index_simd(const uint8_t *data, size_t length, uint8_t delimiter, int check_utf8, ccsv_index *index) {
    int choice = __atomic_load_n(&simd_choice, __ATOMIC_RELAXED);
    if (choice == 0) {
        const char *forced = getenv("INTAKE_CSV_KERNEL");
        choice = ccsv_has_avx512() && !(forced != NULL && strcmp(forced, "avx2") == 0) ? 2 : 1;
        __atomic_store_n(&simd_choice, choice, __ATOMIC_RELAXED);
    }
    if (choice == 2) ccsv_index_avx512(data, length, delimiter, check_utf8, index);
    else ccsv_index_avx2(data, length, delimiter, check_utf8, index);
}

int ccsv_has_simd(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("bmi") &&
           __builtin_cpu_supports("popcnt");
}
#else
void ccsv_index_simd(const uint8_t *data, size_t length, uint8_t delimiter, int check_utf8, ccsv_index *index) {
    ccsv_index_portable(data, length, delimiter, check_utf8, index);
}

void ccsv_index_avx2(const uint8_t *data, size_t length, uint8_t delimiter, int check_utf8, ccsv_index *index) {
    ccsv_index_portable(data, length, delimiter, check_utf8, index);
}

void ccsv_index_avx512(const uint8_t *data, size_t length, uint8_t delimiter, int check_utf8, ccsv_index *index) {
    ccsv_index_portable(data, length, delimiter, check_utf8, index);
}

int ccsv_has_avx512(void) { return 0; }

int ccsv_has_simd(void) { return 0; }
#endif
