/* An in-process model of the Extism kernel: the functions abi.h declares,
   with the kernel's edge semantics (alloc(0) = 0, length 0 for anything that
   is not a block, an empty config value reads as absent, a var set to block
   0 is removed), plus knobs that make it answer what real hosts never do: a
   failing allocator, lengths larger than the bytes behind them. A protocol
   violation by the bridge (a store outside a block, a double free, a read
   past what the host reported) aborts, which the fuzzer and the replay count
   as a finding. */
#ifndef EXTISM_TS_NATIVE_MODEL_H
#define EXTISM_TS_NATIVE_MODEL_H

#include <stddef.h>
#include <stdint.h>

/* Forget every block, store, output, error and log line; knobs back to defaults. */
void model_reset(void);

/* The call's input; `reported` is what input_length answers (the bytes past
   `length` read as MODEL_FILL). */
void model_set_input(const uint8_t *data, size_t length);
void model_set_input_length(uint64_t reported);

/* alloc answers 0 once `successes` more allocations have been made; -1: never. */
void model_fail_alloc_after(int64_t successes);
/* The next block the host hands out (config, var, HTTP body or headers, host
   function result) reports this length instead of its own. */
void model_lie_next_length(uint64_t reported);
void model_tell_truth(void);
#define MODEL_FILL 0x5a

void model_config_put(const uint8_t *key, size_t key_length, const uint8_t *value, size_t value_length);
void model_var_put(const uint8_t *key, size_t key_length, const uint8_t *value, size_t value_length);
/* 1 and the var's bytes when it is set, else 0. */
int model_var_find(const uint8_t *key, size_t key_length, const uint8_t **value, size_t *value_length);

/* What http_request answers: a body (NULL: block 0), a status, headers as
   JSON text (NULL: block 0, the host keeps them). */
void model_http_answer(const uint8_t *body, size_t body_length, int32_t status, const uint8_t *headers,
                       size_t headers_length);
/* The last request's JSON text and body, as the bridge sent them. */
const uint8_t *model_http_request_text(size_t *length);
const uint8_t *model_http_request_body(size_t *length, int *sent);

void model_set_log_level(int32_t level);
/* The last message logged at `level` (0 trace .. 4 error), NULL for none. */
const uint8_t *model_last_log(int level, size_t *length);

/* The output and error the call set (NULL when none). */
const uint8_t *model_output(size_t *length);
const uint8_t *model_error(size_t *length);

/* How the model answers link_host_call, the engine's host-function dispatcher. */
typedef enum {
  HOST_ANSWER_SLOT,  /* the result slot holds `slot` as is */
  HOST_ANSWER_BYTES, /* a new block holding `bytes` (block 0 when empty, as the kernel) */
  HOST_ANSWER_ECHO,  /* the block given as parameter `param` */
} HostAnswerKind;
void model_host_answer(HostAnswerKind kind, uint64_t slot, const uint8_t *bytes, size_t length, int param);
/* The slots of the last call, and how many calls were made. */
const uint64_t *model_host_last_slots(uint32_t *index);
uint32_t model_host_calls(void);
/* The bytes of the block in slot `slot` at the last call, NULL when it held no live block. */
const uint8_t *model_host_param_bytes(int slot, size_t *length);
/* Frees of offsets that are no live block are ignored, as the kernel does,
   instead of reported: for offsets that plug-in code or the host chose. */
void model_lenient_free(int lenient);

/* Blocks allocated and not freed, and the bytes of a live block (NULL if none). */
size_t model_live_blocks(void);
const uint8_t *model_block_bytes(uint64_t offset, size_t *length);
/* Where the model places the first block: well above 4 GiB by default, so
   that an offset cut to 32 bits anywhere in the bridge names no block. */
void model_set_base(uint64_t base);

#endif
