#ifndef UNEFOIS_CZLIB_SHIM_H
#define UNEFOIS_CZLIB_SHIM_H
#include <zlib.h>
/// inflateInit2 is a macro: expose it as a function.
static inline int unefois_inflate_init_raw(z_stream *strm) {
    return inflateInit2(strm, -MAX_WBITS);
}
/// deflateInit2 is a macro too: raw deflate (no zlib header), as zip entries want.
static inline int unefois_deflate_init_raw(z_stream *strm, int level) {
    return deflateInit2(strm, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}
#endif
