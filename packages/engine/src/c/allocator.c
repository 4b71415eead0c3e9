/* The C library's allocator, except that memory freed while the bundle
   initializes is zeroed first: the snapshot keeps only non-zero memory, so
   stale bytes in free blocks would otherwise ship in every plug-in. QuickJS
   keeps its own accounts of what it allocated. */
#include <stdlib.h>
#include <string.h>
#include "runtime.h"

size_t malloc_usable_size(void *pointer);

/* On for the whole of extism_ts_init. */
static int zero_freed_memory;

/* Called through a volatile pointer: a plain memset before free is a dead
   store the compiler removes. */
static void *(*volatile zero_memory)(void *, int, size_t) = memset;

static void *engine_calloc(void *opaque, size_t count, size_t size) {
  (void)opaque;
  return calloc(count, size);
}

static void *engine_malloc(void *opaque, size_t size) {
  (void)opaque;
  return malloc(size);
}

static void engine_free(void *opaque, void *pointer) {
  (void)opaque;
  if (pointer && zero_freed_memory) zero_memory(pointer, 0, malloc_usable_size(pointer));
  free(pointer);
}

static void *engine_realloc(void *opaque, void *pointer, size_t size) {
  if (!zero_freed_memory || !pointer || size == 0) return realloc(pointer, size);
  /* realloc would free the old block unzeroed when it moves it. */
  void *moved = malloc(size);
  if (!moved) return NULL;
  size_t old_size = malloc_usable_size(pointer);
  memcpy(moved, pointer, old_size < size ? old_size : size);
  engine_free(opaque, pointer);
  return moved;
}

const JSMallocFunctions zeroing_allocator = {
    engine_calloc,
    engine_malloc,
    engine_free,
    engine_realloc,
    (size_t (*)(const void *))malloc_usable_size,
};

void zeroing_allocator_zero_freed(int on) { zero_freed_memory = on; }

void zeroing_allocator_release(void *pointer, size_t length) {
  zero_memory(pointer, 0, length);
  free(pointer);
}
