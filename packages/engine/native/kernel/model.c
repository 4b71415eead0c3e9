/* The kernel model (see model.h). Blocks get offsets that only grow, with a
   gap between neighbours, so that a read one byte past a block, or of a block
   already freed, names no live block and is reported instead of answered. */
#include "model.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "abi.h"

#define GAP 16
/* The largest block the model hands out; past it alloc answers 0, as a kernel out of memory would. */
#define MAX_BLOCK ((uint64_t)256 << 20)

typedef struct {
  uint64_t offset;
  uint64_t reported; /* what length answers */
  size_t length;     /* the bytes behind it */
  uint8_t *data;
  int live;
} Block;

typedef struct {
  uint8_t *key, *value;
  size_t key_length, value_length;
} Entry;

typedef struct {
  Entry *entries;
  size_t count, capacity;
} Store;

static struct {
  Block *blocks;
  size_t block_count, block_capacity;
  uint64_t base, next_offset;
  const uint8_t *input;
  size_t input_length;
  uint64_t input_reported;
  int64_t alloc_budget;
  int lie_pending;
  uint64_t lie;
  Store config, vars;
  uint8_t *http_body, *http_headers;
  size_t http_body_length, http_headers_length;
  int http_has_body, http_has_headers;
  int32_t http_status;
  uint8_t *request_text, *request_body;
  size_t request_text_length, request_body_length;
  int request_body_sent;
  int32_t log_level;
  uint8_t *logs[5];
  size_t log_lengths[5];
  int logged[5];
  uint8_t *output, *error;
  size_t output_length, error_length;
  int has_output, has_error;
  HostAnswerKind host_kind;
  uint64_t host_slot;
  uint8_t *host_bytes;
  size_t host_bytes_length;
  int host_param;
  uint64_t host_slots[16];
  uint8_t *host_param_bytes[16];
  size_t host_param_lengths[16];
  int lenient_free;
  uint32_t host_index, host_call_count;
} m = {.base = ((uint64_t)1 << 32) + 0x1000, .next_offset = ((uint64_t)1 << 32) + 0x1000, .alloc_budget = -1};

static void violation(const char *format, ...) __attribute__((format(printf, 1, 2), noreturn));
static void violation(const char *format, ...) {
  va_list args;
  va_start(args, format);
  fputs("kernel model: the bridge broke the Extism ABI: ", stderr);
  vfprintf(stderr, format, args);
  fputc('\n', stderr);
  va_end(args);
  abort();
}

static uint8_t *copy_of(const uint8_t *data, size_t length) {
  uint8_t *copy = malloc(length ? length : 1);
  if (!copy) violation("the model ran out of memory");
  if (length) memcpy(copy, data, length);
  return copy;
}

static void replace(uint8_t **slot, size_t *slot_length, const uint8_t *data, size_t length) {
  free(*slot);
  *slot = copy_of(data, length);
  *slot_length = length;
}

static void store_clear(Store *store) {
  for (size_t i = 0; i < store->count; i++) {
    free(store->entries[i].key);
    free(store->entries[i].value);
  }
  free(store->entries);
  *store = (Store){0};
}

static Entry *store_find(Store *store, const uint8_t *key, size_t key_length) {
  for (size_t i = 0; i < store->count; i++)
    if (store->entries[i].key_length == key_length && memcmp(store->entries[i].key, key, key_length) == 0)
      return &store->entries[i];
  return NULL;
}

static void store_put(Store *store, const uint8_t *key, size_t key_length, const uint8_t *value, size_t value_length) {
  Entry *entry = store_find(store, key, key_length);
  if (!entry) {
    if (store->count == store->capacity) {
      store->capacity = store->capacity ? store->capacity * 2 : 8;
      store->entries = realloc(store->entries, store->capacity * sizeof(Entry));
      if (!store->entries) violation("the model ran out of memory");
    }
    entry = &store->entries[store->count++];
    entry->key = copy_of(key, key_length);
    entry->key_length = key_length;
    entry->value = NULL;
  }
  replace(&entry->value, &entry->value_length, value, value_length);
}

static void store_remove(Store *store, const uint8_t *key, size_t key_length) {
  Entry *entry = store_find(store, key, key_length);
  if (!entry) return;
  free(entry->key);
  free(entry->value);
  *entry = store->entries[--store->count];
}

void model_reset(void) {
  for (size_t i = 0; i < m.block_count; i++) free(m.blocks[i].data);
  m.block_count = 0;
  m.next_offset = m.base;
  m.input = NULL;
  m.input_length = 0;
  m.input_reported = 0;
  m.alloc_budget = -1;
  m.lie_pending = 0;
  store_clear(&m.config);
  store_clear(&m.vars);
  free(m.http_body);
  free(m.http_headers);
  free(m.request_text);
  free(m.request_body);
  m.http_body = m.http_headers = m.request_text = m.request_body = NULL;
  m.http_has_body = m.http_has_headers = 0;
  m.http_body_length = m.http_headers_length = m.request_text_length = m.request_body_length = 0;
  m.request_body_sent = 0;
  m.http_status = 0;
  m.log_level = 0;
  for (int i = 0; i < 5; i++) {
    free(m.logs[i]);
    m.logs[i] = NULL;
    m.log_lengths[i] = 0;
    m.logged[i] = 0;
  }
  free(m.output);
  free(m.error);
  m.output = m.error = NULL;
  m.output_length = m.error_length = 0;
  m.has_output = m.has_error = 0;
  free(m.host_bytes);
  m.host_bytes = NULL;
  m.host_bytes_length = 0;
  m.host_kind = HOST_ANSWER_SLOT;
  m.host_slot = 0;
  m.host_param = 0;
  memset(m.host_slots, 0, sizeof m.host_slots);
  m.host_index = 0;
  m.host_call_count = 0;
  for (int i = 0; i < 16; i++) {
    free(m.host_param_bytes[i]);
    m.host_param_bytes[i] = NULL;
  }
  m.lenient_free = 0;
}

void model_set_base(uint64_t base) {
  m.base = base;
  model_reset();
}

void model_set_input(const uint8_t *data, size_t length) {
  m.input = data;
  m.input_length = length;
  m.input_reported = length;
}

void model_set_input_length(uint64_t reported) { m.input_reported = reported; }
void model_fail_alloc_after(int64_t successes) { m.alloc_budget = successes; }

void model_lie_next_length(uint64_t reported) {
  m.lie_pending = 1;
  m.lie = reported;
}

void model_tell_truth(void) { m.lie_pending = 0; }

void model_config_put(const uint8_t *key, size_t key_length, const uint8_t *value, size_t value_length) {
  store_put(&m.config, key, key_length, value, value_length);
}

void model_var_put(const uint8_t *key, size_t key_length, const uint8_t *value, size_t value_length) {
  store_put(&m.vars, key, key_length, value, value_length);
}

int model_var_find(const uint8_t *key, size_t key_length, const uint8_t **value, size_t *value_length) {
  Entry *entry = store_find(&m.vars, key, key_length);
  if (!entry) return 0;
  *value = entry->value;
  *value_length = entry->value_length;
  return 1;
}

void model_http_answer(const uint8_t *body, size_t body_length, int32_t status, const uint8_t *headers,
                       size_t headers_length) {
  m.http_has_body = body != NULL;
  if (body) replace(&m.http_body, &m.http_body_length, body, body_length);
  m.http_status = status;
  m.http_has_headers = headers != NULL;
  if (headers) replace(&m.http_headers, &m.http_headers_length, headers, headers_length);
}

const uint8_t *model_http_request_text(size_t *length) {
  *length = m.request_text_length;
  return m.request_text;
}

const uint8_t *model_http_request_body(size_t *length, int *sent) {
  *length = m.request_body_length;
  *sent = m.request_body_sent;
  return m.request_body;
}

void model_set_log_level(int32_t level) { m.log_level = level; }

const uint8_t *model_last_log(int level, size_t *length) {
  *length = m.log_lengths[level];
  return m.logged[level] ? m.logs[level] : NULL;
}

const uint8_t *model_output(size_t *length) {
  *length = m.output_length;
  return m.has_output ? m.output : NULL;
}

const uint8_t *model_error(size_t *length) {
  *length = m.error_length;
  return m.has_error ? m.error : NULL;
}

void model_host_answer(HostAnswerKind kind, uint64_t slot, const uint8_t *bytes, size_t length, int param) {
  m.host_kind = kind;
  m.host_slot = slot;
  m.host_param = param;
  replace(&m.host_bytes, &m.host_bytes_length, bytes, length);
}

const uint64_t *model_host_last_slots(uint32_t *index) {
  *index = m.host_index;
  return m.host_slots;
}

uint32_t model_host_calls(void) { return m.host_call_count; }

const uint8_t *model_host_param_bytes(int slot, size_t *length) {
  *length = m.host_param_lengths[slot];
  return m.host_param_bytes[slot];
}

size_t model_live_blocks(void) {
  size_t live = 0;
  for (size_t i = 0; i < m.block_count; i++) live += (size_t)m.blocks[i].live;
  return live;
}

/* The block whose reported range holds [offset, offset + size), live or not; NULL when none does. */
static Block *block_holding(uint64_t offset, uint64_t size) {
  size_t low = 0, high = m.block_count;
  while (low < high) {
    size_t middle = low + (high - low) / 2;
    if (m.blocks[middle].offset <= offset) low = middle + 1;
    else high = middle;
  }
  if (low == 0) return NULL;
  Block *block = &m.blocks[low - 1];
  if (offset - block->offset >= block->reported || block->reported - (offset - block->offset) < size) return NULL;
  return block;
}

static Block *block_at(uint64_t offset) {
  Block *block = block_holding(offset, 0);
  if (!block) {
    /* An empty block has no bytes, so block_holding never finds it by range. */
    for (size_t i = m.block_count; i-- > 0;)
      if (m.blocks[i].offset == offset) return &m.blocks[i];
    return NULL;
  }
  return block->offset == offset ? block : NULL;
}

const uint8_t *model_block_bytes(uint64_t offset, size_t *length) {
  Block *block = block_at(offset);
  if (!block || !block->live) return NULL;
  *length = block->length;
  return block->data;
}

/* A block the host makes for the plug-in (an answer), honouring model_lie_next_length. */
static uint64_t host_block(const uint8_t *data, size_t length) {
  if (length == 0 && !m.lie_pending) return 0;
  if (m.block_count == m.block_capacity) {
    m.block_capacity = m.block_capacity ? m.block_capacity * 2 : 64;
    m.blocks = realloc(m.blocks, m.block_capacity * sizeof(Block));
    if (!m.blocks) violation("the model ran out of memory");
  }
  Block *block = &m.blocks[m.block_count++];
  block->offset = m.next_offset;
  block->length = length;
  block->reported = length;
  block->data = calloc(length ? length : 1, 1);
  if (!block->data) violation("the model ran out of memory");
  if (data && length) memcpy(block->data, data, length);
  block->live = 1;
  if (m.lie_pending) {
    m.lie_pending = 0;
    block->reported = m.lie;
  }
  /* A lying block's range is its reported length: nothing else may sit there. */
  uint64_t span = block->reported > length ? block->reported : length;
  m.next_offset += (span > UINT64_MAX / 2 ? 0 : span) + GAP;
  return block->offset;
}

/* The bytes of a block the plug-in handed over (0 is the empty block). */
static const uint8_t *sent_bytes(uint64_t offset, size_t *length, const char *what) {
  if (offset == 0) {
    *length = 0;
    return (const uint8_t *)"";
  }
  Block *block = block_at(offset);
  if (!block) violation("%s: offset %llu is not a block", what, (unsigned long long)offset);
  if (!block->live) violation("%s: block %llu was freed", what, (unsigned long long)offset);
  *length = block->length;
  return block->data;
}

uint64_t extism_input_length(void) { return m.input_reported; }

uint8_t extism_input_load_u8(uint64_t offset) {
  if (offset >= m.input_reported) violation("input_load_u8(%llu) past the input's %llu bytes", (unsigned long long)offset, (unsigned long long)m.input_reported);
  return offset < m.input_length ? m.input[offset] : MODEL_FILL;
}

uint64_t extism_input_load_u64(uint64_t offset) {
  if (offset >= m.input_reported || m.input_reported - offset < 8)
    violation("input_load_u64(%llu) past the input's %llu bytes", (unsigned long long)offset, (unsigned long long)m.input_reported);
  uint8_t bytes[8];
  for (int i = 0; i < 8; i++) bytes[i] = offset + (uint64_t)i < m.input_length ? m.input[offset + (uint64_t)i] : MODEL_FILL;
  uint64_t word;
  memcpy(&word, bytes, 8);
  return word;
}

ExtismPointer extism_alloc(uint64_t length) {
  if (length == 0) return 0;
  if (length > MAX_BLOCK) return 0;
  if (m.alloc_budget == 0) return 0;
  if (m.alloc_budget > 0) m.alloc_budget--;
  int lie = m.lie_pending;
  m.lie_pending = 0;
  uint64_t block = host_block(NULL, (size_t)length);
  m.lie_pending = lie;
  return block;
}

/* The kernel ignores a free of anything that is not a live block; the
   bridge itself never does that, so the model calls it a violation unless
   plug-in code (memory_free) or the host (a bogus answer) chose the offset. */
void extism_free(ExtismPointer offset) {
  if (offset == 0) return;
  Block *block = block_at(offset);
  if (!block || !block->live) {
    if (m.lenient_free) return;
    violation("free(%llu): %s", (unsigned long long)offset, block ? "freed twice" : "not a block");
  }
  block->live = 0;
}

void model_lenient_free(int lenient) { m.lenient_free = lenient; }

uint64_t extism_length(ExtismPointer offset) {
  Block *block = offset ? block_at(offset) : NULL;
  return block && block->live ? block->reported : 0;
}

static Block *readable(uint64_t offset, uint64_t size, const char *what) {
  Block *block = block_holding(offset, size);
  if (!block) violation("%s(%llu): outside every block", what, (unsigned long long)offset);
  if (!block->live) violation("%s(%llu): inside a freed block", what, (unsigned long long)offset);
  return block;
}

uint8_t extism_load_u8(ExtismPointer offset) {
  Block *block = readable(offset, 1, "load_u8");
  uint64_t at = offset - block->offset;
  return at < block->length ? block->data[at] : MODEL_FILL;
}

uint64_t extism_load_u64(ExtismPointer offset) {
  Block *block = readable(offset, 8, "load_u64");
  uint64_t at = offset - block->offset;
  uint8_t bytes[8];
  for (int i = 0; i < 8; i++) bytes[i] = at + (uint64_t)i < block->length ? block->data[at + (uint64_t)i] : MODEL_FILL;
  uint64_t word;
  memcpy(&word, bytes, 8);
  return word;
}

static uint8_t *writable(uint64_t offset, uint64_t size, const char *what) {
  Block *block = readable(offset, size, what);
  uint64_t at = offset - block->offset;
  if (at + size > block->length) violation("%s(%llu): past the block's %zu bytes", what, (unsigned long long)offset, block->length);
  return block->data + at;
}

void extism_store_u8(ExtismPointer offset, uint8_t value) { *writable(offset, 1, "store_u8") = value; }

void extism_store_u64(ExtismPointer offset, uint64_t value) { memcpy(writable(offset, 8, "store_u64"), &value, 8); }

void extism_output_set(ExtismPointer offset, uint64_t length) {
  const uint8_t *data = (const uint8_t *)"";
  if (length > 0) {
    Block *block = readable(offset, length, "output_set");
    if (offset - block->offset + length > block->length) violation("output_set: %llu bytes past the block", (unsigned long long)length);
    data = block->data + (offset - block->offset);
  }
  replace(&m.output, &m.output_length, data, (size_t)length);
  m.has_output = 1;
}

void extism_error_set(ExtismPointer offset) {
  if (offset == 0) {
    m.has_error = 0;
    return;
  }
  size_t length;
  const uint8_t *data = sent_bytes(offset, &length, "error_set");
  replace(&m.error, &m.error_length, data, length);
  m.has_error = 1;
}

static ExtismPointer lookup(Store *store, ExtismPointer key, const char *what) {
  size_t key_length;
  const uint8_t *text = sent_bytes(key, &key_length, what);
  Entry *entry = store_find(store, text, key_length);
  /* The kernel answers an empty value with alloc(0), which is 0: absent. */
  if (!entry) return 0;
  return host_block(entry->value, entry->value_length);
}

ExtismPointer extism_config_get(ExtismPointer key) { return lookup(&m.config, key, "config_get"); }
ExtismPointer extism_var_get(ExtismPointer key) { return lookup(&m.vars, key, "var_get"); }

void extism_var_set(ExtismPointer key, ExtismPointer value) {
  size_t key_length, value_length;
  const uint8_t *key_text = sent_bytes(key, &key_length, "var_set key");
  if (value == 0) {
    store_remove(&m.vars, key_text, key_length);
    return;
  }
  const uint8_t *data = sent_bytes(value, &value_length, "var_set value");
  store_put(&m.vars, key_text, key_length, data, value_length);
}

ExtismPointer extism_http_request(ExtismPointer request, ExtismPointer body) {
  size_t length;
  const uint8_t *text = sent_bytes(request, &length, "http_request");
  replace(&m.request_text, &m.request_text_length, text, length);
  m.request_body_sent = body != 0;
  const uint8_t *data = sent_bytes(body, &length, "http_request body");
  replace(&m.request_body, &m.request_body_length, data, length);
  return m.http_has_body ? host_block(m.http_body, m.http_body_length) : 0;
}

int32_t extism_http_status_code(void) { return m.http_status; }

ExtismPointer extism_http_headers(void) {
  return m.http_has_headers ? host_block(m.http_headers, m.http_headers_length) : 0;
}

static void log_at(int level, ExtismPointer message) {
  size_t length;
  const uint8_t *text = sent_bytes(message, &length, "log");
  replace(&m.logs[level], &m.log_lengths[level], text, length);
  m.logged[level] = 1;
}

void extism_log_trace(ExtismPointer message) { log_at(0, message); }
void extism_log_debug(ExtismPointer message) { log_at(1, message); }
void extism_log_info(ExtismPointer message) { log_at(2, message); }
void extism_log_warn(ExtismPointer message) { log_at(3, message); }
void extism_log_error(ExtismPointer message) { log_at(4, message); }
int32_t extism_get_log_level(void) { return m.log_level; }

/* The engine's host-function dispatcher, which the link step writes in a real plug-in. */
void link_host_call(uint32_t index, uint64_t *slots) {
  m.host_index = index;
  m.host_call_count++;
  memcpy(m.host_slots, slots, sizeof m.host_slots);
  for (int i = 0; i < 16; i++) {
    free(m.host_param_bytes[i]);
    m.host_param_bytes[i] = NULL;
    Block *block = slots[i] ? block_at(slots[i]) : NULL;
    if (block && block->live) m.host_param_bytes[i] = copy_of(block->data, m.host_param_lengths[i] = block->length);
  }
  switch (m.host_kind) {
    case HOST_ANSWER_SLOT:
      slots[0] = m.host_slot;
      break;
    case HOST_ANSWER_BYTES:
      slots[0] = host_block(m.host_bytes, m.host_bytes_length);
      break;
    case HOST_ANSWER_ECHO:
      slots[0] = slots[m.host_param];
      break;
  }
}
