/*
 * The structural indexer behind IntakeCSV's CSVReader.
 *
 * Why this is written by hand, in C: reading CSV is the hot path of every import (a Shopify export has a field
 * every 4.4 bytes), and measured on our machines a byte-at-a-time Swift scanner reads ~300 MB/s, SWAR ~550 MB/s
 * and Swift's SIMD types less (and they collapse under -Ounchecked); see ../shared/design/performance-notes.md.
 * Reaching 1 GB/s needs 64-byte compare masks, a carry-less multiply for the prefix XOR that marks quoted
 * regions, and bit walks with tzcnt/popcnt, which Swift cannot express at speed. No library does this for us
 * with our semantics (a reader that reports stray quotes, physical lines and invalid UTF-8 per record), so this
 * file does only that one job; everything else (records, fields, problems, recovery) stays in Swift, and any
 * input this index cannot explain is read again by the Swift byte-at-a-time scanner, the reference.
 *
 * Per 64-byte block: masks of quotes, delimiters, LFs, CRs and non-ASCII bytes; `inside` = prefix XOR of the quote
 * mask (set from an opening quote up to, not including, its closing quote; a doubled quote inside quotes closes
 * and reopens); delimiters and line breaks outside quotes are the separators. Quoting is well formed (RFC 4180)
 * when every opening quote follows a separator, a closing quote or the start, and every closing quote is
 * followed by a separator or an opening quote (which makes the pair a doubled quote); the first byte where that
 * fails is reported, and the reader does not trust anything from there on.
 */
#include "ccsv_scan.h"

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
    size_t utf8_next;      /* UTF-8 is checked from here on (the end of the last sequence checked) */
    int check_utf8;
    uint32_t *separators;
    uint32_t *events;
    uint32_t *line_breaks;
} scan_state;

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
 * vectorizers would turn the unrolled steps into slower vector code. */
ALWAYS_INLINE uint32_t *flatten(uint32_t *__restrict out, uint32_t base, uint64_t bits) {
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

/* One block at `base`, given its masks and the prefix XOR of its quote mask; returns 1 when quoting is malformed
 * in it (indexing stops). */
#ifdef CCSV_X86
static int utf8_block_valid_avx2(const uint8_t *block, uint64_t carry_in);
#endif

ALWAYS_INLINE int index_block(scan_state *s, block_masks m, uint64_t quote_prefix, const uint8_t *data, size_t length,
                              size_t base, const uint8_t *block, int simd, ccsv_index *index) {
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
    uint64_t quoted_lines = ((m.lf & ~after_cr) | m.cr) & inside;
    s->prev_ok = (separators | close) >> 63;
    s->prev_close = close >> 63;
    s->prev_cr = m.cr >> 63;

    uint32_t *block_separators = s->separators;
    s->separators = flatten(s->separators, (uint32_t)base, separators);
    /* Line breaks are rare (one per record): each with its index among the separators, so that the reader knows
     * a record's fields before it walks them. Like doubled quotes and quoted line breaks (events), there is mostly
     * none or one in a block: the first is written unconditionally and kept when it exists (no branch to
     * mispredict), the others in a loop. */
    uint64_t line_breaks = (m.lf | m.cr) & ~inside;
    uint32_t separators_before = (uint32_t)(block_separators - index->separators);
    do {
        int bit = __builtin_ctzll(line_breaks | (1ULL << 63));
        uint64_t before = separators & ((1ULL << bit) - 1);
        s->line_breaks[0] = (uint32_t)base + (uint32_t)bit;
        s->line_breaks[1] = separators_before + (uint32_t)__builtin_popcountll(before);
        s->line_breaks += line_breaks != 0 ? 2 : 0;
        line_breaks &= line_breaks - 1;
    } while (line_breaks != 0);
    uint64_t events = quoted_lines | escapes;
    do {
        int bit = __builtin_ctzll(events | (1ULL << 63));
        *s->events = ((uint32_t)base + (uint32_t)bit) | ((escapes >> bit) & 1 ? CCSV_ESCAPE : 0);
        s->events += events != 0;
        events &= events - 1;
    } while (events != 0);
    if (s->check_utf8 && m.high != 0) {
#ifdef CCSV_X86
        /* Most blocks with non-ASCII bytes hold only 2- and 3-byte sequences within the block: checked with masks. */
        uint64_t carry_in = s->utf8_next > base ? (1ULL << (s->utf8_next - base)) - 1 : 0;
        if (simd && utf8_block_valid_avx2(block, carry_in)) {
            s->utf8_next = base + 64;
            goto utf8_done;
        }
#else
        (void)block;
        (void)simd;
#endif
        uint64_t high = m.high;
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
            break;
        }
    }
#ifdef CCSV_X86
utf8_done:
#endif
    if (malformed != 0) {
        index->malformed = base + (size_t)__builtin_ctzll(malformed);
        return 1;
    }
    return 0;
}

/* The driver, once per kernel: whole blocks in place, the last partial one from a zero-padded copy (NUL is none
 * of the bytes looked for). */
#define DEFINE_INDEXER(NAME, ATTRIBUTES, MASKS, PREFIX_XOR, SIMD)                                                    \
    ATTRIBUTES void NAME(const uint8_t *data, size_t length, uint8_t delimiter, int check_utf8, ccsv_index *index) { \
        scan_state s = {0, 1, 0, 0, 0, check_utf8, index->separators, index->events, index->line_breaks};      \
        index->malformed = SIZE_MAX;                                                                            \
        index->invalid_utf8 = SIZE_MAX;                                                                         \
        size_t base = 0;                                                                                        \
        int stop = 0;                                                                                           \
        for (; base + 64 <= length && !stop; base += 64) {                                                      \
            block_masks m = MASKS(data + base, delimiter);                                                      \
            stop = index_block(&s, m, PREFIX_XOR(m.quote), data, length, base, data + base, SIMD, index);       \
        }                                                                                                       \
        if (!stop && base < length) {                                                                           \
            uint8_t tail[64];                                                                                   \
            memset(tail, 0, sizeof tail);                                                                       \
            memcpy(tail, data + base, length - base);                                                           \
            block_masks m = MASKS(tail, delimiter);                                                             \
            index_block(&s, m, PREFIX_XOR(m.quote), data, length, base, tail, SIMD, index);                     \
            base += 64;                                                                                         \
        }                                                                                                       \
        index->indexed = base < length ? base : length;                                                         \
        index->separator_count = (size_t)(s.separators - index->separators);                                    \
        index->event_count = (size_t)(s.events - index->events);                                                \
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

DEFINE_INDEXER(ccsv_index_portable, , masks_portable, prefix_xor_portable, 0)

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

SIMD_TARGET static inline uint64_t prefix_xor_clmul(uint64_t x) {
    __m128i product = _mm_clmulepi64_si128(_mm_set_epi64x(0, (long long)x), _mm_set1_epi8((char)0xFF), 0);
    return (uint64_t)_mm_cvtsi128_si64(product);
}

/* Whether the 64 bytes at `block` are valid UTF-8 by masks alone: every byte >= 0x80 is a continuation byte
 * (0x80-0xBF) or a lead 0xC2-0xDF or 0xE1-0xEF other than 0xED, and the continuation bytes are exactly those its
 * leads (and `carry_in`, the tail of a sequence checked before) call for, none past the block. Anything else
 * (4-byte sequences, the leads with narrower second bytes, errors) is left to `utf8_sequence`: 0. */
SIMD_TARGET static int utf8_block_valid_avx2(const uint8_t *block, uint64_t carry_in) {
    uint64_t cont = 0, ge_c2 = 0, ge_e0 = 0, slow = 0;
    for (int half = 0; half < 2; half++) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(block + 32 * half));
        __m256i is_cont = _mm256_cmpgt_epi8(_mm256_set1_epi8(-64), x); /* signed: 0x80-0xBF */
        __m256i is_ge_c2 = _mm256_cmpeq_epi8(_mm256_max_epu8(x, _mm256_set1_epi8((char)0xC2)), x);
        __m256i is_ge_e0 = _mm256_cmpeq_epi8(_mm256_max_epu8(x, _mm256_set1_epi8((char)0xE0)), x);
        __m256i is_ge_f0 = _mm256_cmpeq_epi8(_mm256_max_epu8(x, _mm256_set1_epi8((char)0xF0)), x);
        __m256i is_c0_c1 = _mm256_andnot_si256(_mm256_or_si256(is_cont, is_ge_c2), x); /* sign bit: 0xC0, 0xC1 */
        __m256i is_slow = _mm256_or_si256(_mm256_or_si256(is_ge_f0, is_c0_c1),
                                          _mm256_or_si256(_mm256_cmpeq_epi8(x, _mm256_set1_epi8((char)0xE0)),
                                                          _mm256_cmpeq_epi8(x, _mm256_set1_epi8((char)0xED))));
        int shift = 32 * half;
        cont |= (uint64_t)(uint32_t)_mm256_movemask_epi8(is_cont) << shift;
        ge_c2 |= (uint64_t)(uint32_t)_mm256_movemask_epi8(is_ge_c2) << shift;
        ge_e0 |= (uint64_t)(uint32_t)_mm256_movemask_epi8(is_ge_e0) << shift;
        slow |= (uint64_t)(uint32_t)_mm256_movemask_epi8(is_slow) << shift;
    }
    if (slow != 0) return 0;
    uint64_t lead2 = ge_c2 & ~ge_e0, lead3 = ge_e0;
    uint64_t expected = (lead2 << 1) | (lead3 << 1) | (lead3 << 2) | carry_in;
    uint64_t past_block = (lead2 >> 63) | (lead3 >> 63) | (lead3 >> 62);
    return expected == cont && past_block == 0;
}

DEFINE_INDEXER(ccsv_index_simd, SIMD_TARGET, masks_avx2, prefix_xor_clmul, 1)

int ccsv_has_simd(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("bmi") &&
           __builtin_cpu_supports("popcnt");
}
#else
void ccsv_index_simd(const uint8_t *data, size_t length, uint8_t delimiter, int check_utf8, ccsv_index *index) {
    ccsv_index_portable(data, length, delimiter, check_utf8, index);
}

int ccsv_has_simd(void) { return 0; }
#endif
