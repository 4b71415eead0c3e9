/* Bytes across the Extism guest ABI: reads and writes of host memory blocks and
   of the call's input, a word at a time, and new blocks from bridge bytes. */
#include <string.h>
#include "abi.h"

/* Eight bytes a host call, then the tail a byte at a time: a host call per
   byte is slow in JS hosts. */
static void read_words(uint64_t (*load_u64)(uint64_t), uint8_t (*load_u8)(uint64_t), uint64_t offset, uint8_t *dst,
                       uint64_t length) {
  uint64_t i = 0;
  for (; i + 8 <= length; i += 8) {
    uint64_t word = load_u64(offset + i);
    memcpy(dst + i, &word, 8);
  }
  for (; i < length; i++) dst[i] = load_u8(offset + i);
}

void block_read(ExtismPointer offset, uint8_t *dst, uint64_t length) { read_words(extism_load_u64, extism_load_u8, offset, dst, length); }

void input_read(uint8_t *dst, uint64_t length) { read_words(extism_input_load_u64, extism_input_load_u8, 0, dst, length); }

void block_write(ExtismPointer offset, const uint8_t *src, uint64_t length) {
  uint64_t i = 0;
  for (; i + 8 <= length; i += 8) {
    uint64_t word;
    memcpy(&word, src + i, 8);
    extism_store_u64(offset + i, word);
  }
  for (; i < length; i++) extism_store_u8(offset + i, src[i]);
}

int block_from_bytes(const uint8_t *src, uint64_t length, ExtismPointer *block) {
  *block = extism_alloc(length);
  if (length == 0) return 0;
  if (*block == 0) return -1;
  block_write(*block, src, length);
  return 0;
}
