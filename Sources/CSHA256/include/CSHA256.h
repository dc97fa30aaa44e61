#ifndef UNEFOIS_CSHA256_H
#define UNEFOIS_CSHA256_H
#include <stddef.h>
#include <stdint.h>

/// 1 when the processor has the SHA-256 instructions this file uses (x86-64 SHA extensions with
/// SSSE3 and SSE4.1), else 0: the caller then uses its portable code.
int unefois_sha256_hardware(void);

/// Compresses `blocks` consecutive 64-byte blocks at `data` into `state` (the eight working words
/// of FIPS 180-4, H0 first). Only when unefois_sha256_hardware() is 1.
void unefois_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
