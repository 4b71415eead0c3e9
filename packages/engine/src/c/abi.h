/* The Extism guest ABI (module "extism:host/env") as seen from C, plus the
   block helpers every area of the bridge uses to move bytes across it. */
#ifndef EXTISM_TS_ABI_H
#define EXTISM_TS_ABI_H

#include <stddef.h>
#include <stdint.h>

#if defined(__wasm__)
#define EXTISM_IMPORT(name) \
  __attribute__((import_module("extism:host/env"), import_name(#name)))
#else
/* Compiled for the machine (packages/engine/native), the imports are plain
   functions that a model of the Extism kernel provides. */
#define EXTISM_IMPORT(name)
#endif

typedef uint64_t ExtismPointer;

EXTISM_IMPORT(input_length) uint64_t extism_input_length(void);
EXTISM_IMPORT(input_load_u8) uint8_t extism_input_load_u8(uint64_t offset);
EXTISM_IMPORT(input_load_u64) uint64_t extism_input_load_u64(uint64_t offset);
EXTISM_IMPORT(alloc) ExtismPointer extism_alloc(uint64_t length);
EXTISM_IMPORT(free) void extism_free(ExtismPointer block);
EXTISM_IMPORT(length) uint64_t extism_length(ExtismPointer block);
EXTISM_IMPORT(load_u8) uint8_t extism_load_u8(ExtismPointer offset);
EXTISM_IMPORT(load_u64) uint64_t extism_load_u64(ExtismPointer offset);
EXTISM_IMPORT(store_u8) void extism_store_u8(ExtismPointer offset, uint8_t value);
EXTISM_IMPORT(store_u64) void extism_store_u64(ExtismPointer offset, uint64_t value);
EXTISM_IMPORT(output_set) void extism_output_set(ExtismPointer offset, uint64_t length);
EXTISM_IMPORT(error_set) void extism_error_set(ExtismPointer block);
EXTISM_IMPORT(config_get) ExtismPointer extism_config_get(ExtismPointer key);
EXTISM_IMPORT(var_get) ExtismPointer extism_var_get(ExtismPointer key);
EXTISM_IMPORT(var_set) void extism_var_set(ExtismPointer key, ExtismPointer value);
EXTISM_IMPORT(http_request) ExtismPointer extism_http_request(ExtismPointer request, ExtismPointer body);
EXTISM_IMPORT(http_status_code) int32_t extism_http_status_code(void);
EXTISM_IMPORT(http_headers) ExtismPointer extism_http_headers(void);
EXTISM_IMPORT(log_trace) void extism_log_trace(ExtismPointer message);
EXTISM_IMPORT(log_debug) void extism_log_debug(ExtismPointer message);
EXTISM_IMPORT(log_info) void extism_log_info(ExtismPointer message);
EXTISM_IMPORT(log_warn) void extism_log_warn(ExtismPointer message);
EXTISM_IMPORT(log_error) void extism_log_error(ExtismPointer message);
EXTISM_IMPORT(get_log_level) int32_t extism_get_log_level(void);

/* Copy `length` bytes of an Extism block into linear memory, 8 bytes a host call. */
void block_read(ExtismPointer offset, uint8_t *dst, uint64_t length);
/* Copy the first `length` bytes of the call's input into linear memory. */
void input_read(uint8_t *dst, uint64_t length);
/* Copy linear memory into an Extism block, 8 bytes a host call. */
void block_write(ExtismPointer offset, const uint8_t *src, uint64_t length);
/* A new Extism block holding a copy of `src` in *block; -1 if the host refused
   to allocate. alloc(0) answers 0 on the kernel: for no bytes, 0 is a block. */
int block_from_bytes(const uint8_t *src, uint64_t length, ExtismPointer *block);

#endif
