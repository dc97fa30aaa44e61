#ifndef UNEFOIS_CZLIB_SHIM_H
#define UNEFOIS_CZLIB_SHIM_H
#include <zlib.h>
/// inflateInit2 is a macro: expose it as a function.
static inline int unefois_inflate_init_raw(z_stream *strm) {
    return inflateInit2(strm, -MAX_WBITS);
}
#endif
