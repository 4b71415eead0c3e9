#include <string.h>
#include "abi.h"

void block_read(ExtismPointer offset, uint8_t *dst, uint64_t length) {
  uint64_t i = 0;
  for (; i + 8 <= length; i += 8) {
    uint64_t word = extism_load_u64(offset + i);
    memcpy(dst + i, &word, 8);
  }
  for (; i < length; i++) dst[i] = extism_load_u8(offset + i);
}

void block_write(ExtismPointer offset, const uint8_t *src, uint64_t length) {
  uint64_t i = 0;
  for (; i + 8 <= length; i += 8) {
    uint64_t word;
    memcpy(&word, src + i, 8);
    extism_store_u64(offset + i, word);
  }
  for (; i < length; i++) extism_store_u8(offset + i, src[i]);
}

ExtismPointer block_from_bytes(const uint8_t *src, uint64_t length) {
  ExtismPointer block = extism_alloc(length);
  if (block != 0 && length > 0) block_write(block, src, length);
  return block;
}
