/* What the native codecs share (see codec.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "codec.h"
#include "engine_internals.h"

int codec_buffer_reserve(JSContext *ctx, CodecBuffer *buffer, size_t extra) {
  if (extra <= buffer->capacity - buffer->length) return 0;
  if (extra > SIZE_MAX / 2 - buffer->length) {
    JS_ThrowRangeError(ctx, "the encoded value is too large");
    return -1;
  }
  size_t needed = buffer->length + extra;
  size_t capacity = buffer->capacity ? buffer->capacity : 256;
  while (capacity < needed) capacity *= 2;
  uint8_t *data = realloc(buffer->data, capacity);
  if (!data) {
    JS_ThrowOutOfMemory(ctx);
    return -1;
  }
  buffer->data = data;
  buffer->capacity = capacity;
  return 0;
}

JSValue codec_buffer_finish(JSContext *ctx, CodecBuffer *buffer) {
  uint8_t *data = buffer->data;
  size_t length = buffer->length;
  if (!data) data = malloc(1);
  else if (buffer->capacity - length > 4096 && (data = realloc(data, length ? length : 1)) == NULL)
    data = buffer->data; /* shrinking failed: keep the larger block */
  buffer->data = NULL;
  buffer->length = buffer->capacity = 0;
  if (!data) return JS_ThrowOutOfMemory(ctx);
  return bridge_new_uint8array(ctx, data, length);
}

void codec_buffer_free(CodecBuffer *buffer) {
  free(buffer->data);
  buffer->data = NULL;
  buffer->length = buffer->capacity = 0;
}

JSValue codec_throw_decode_error(JSContext *ctx, size_t offset, const char *format, ...) {
  char reason[200];
  va_list args;
  va_start(args, format);
  vsnprintf(reason, sizeof reason, format, args);
  va_end(args);
  if (offset == CODEC_NO_OFFSET) JS_ThrowTypeError(ctx, "%s", reason);
  else JS_ThrowTypeError(ctx, "%s at byte %zu", reason, offset);
  JSValue error = JS_GetException(ctx);
  if (JS_IsObject(error)) {
    JS_SetPropertyStr(ctx, error, "reason", JS_NewString(ctx, reason));
    if (offset != CODEC_NO_OFFSET) JS_SetPropertyStr(ctx, error, "offset", JS_NewFloat64(ctx, (double)offset));
  }
  return JS_Throw(ctx, error);
}

#define ASCII_MASK 0x8080808080808080ull

size_t utf8_sequence_length(const uint8_t *s, size_t n, int *valid) {
  uint8_t lead = s[0];
  size_t need;
  uint8_t low = 0x80, high = 0xBF;
  *valid = 1;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) need = 1;
  else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 2;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 3;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    *valid = 0;
    return 1;
  }
  for (size_t i = 1; i <= need; i++) {
    if (i >= n || s[i] < low || s[i] > high) {
      *valid = 0;
      return i;
    }
    low = 0x80;
    high = 0xBF;
  }
  return need + 1;
}

size_t utf8_invalid_at(const uint8_t *data, size_t length) {
  size_t i = 0;
  while (i < length) {
    /* Text is mostly ASCII: skip it eight bytes at a time. */
    while (length - i >= 8) {
      uint64_t word;
      memcpy(&word, data + i, 8);
      if (word & ASCII_MASK) break;
      i += 8;
    }
    if (i >= length) break;
    int valid;
    size_t step = utf8_sequence_length(data + i, length - i, &valid);
    if (!valid) return i;
    i += step;
  }
  return CODEC_NO_OFFSET;
}

/* The prototype of a value the engine makes. */
static JSValue prototype_of(JSContext *ctx, JSValue made) {
  if (JS_IsException(made)) return made;
  JSValue prototype = JS_GetPrototype(ctx, made);
  JS_FreeValue(ctx, made);
  return prototype;
}

static int same_object(JSValueConst a, JSValueConst b) {
  return JS_VALUE_GET_TAG(a) == JS_TAG_OBJECT && JS_VALUE_GET_TAG(b) == JS_TAG_OBJECT &&
         JS_VALUE_GET_PTR(a) == JS_VALUE_GET_PTR(b);
}

/* Looked up on first use and kept, like the context they belong to. */
static JSValue object_prototype, array_prototype, bytes_prototype;

static int find_prototypes(JSContext *ctx) {
  if (JS_IsObject(bytes_prototype)) return 0;
  uint8_t *empty = malloc(1);
  if (!empty) {
    JS_ThrowOutOfMemory(ctx);
    return -1;
  }
  JSValue found[3] = {prototype_of(ctx, JS_NewObject(ctx)), prototype_of(ctx, JS_NewArray(ctx)),
                      prototype_of(ctx, bridge_new_uint8array(ctx, empty, 0))};
  if (!JS_IsObject(found[0]) || !JS_IsObject(found[1]) || !JS_IsObject(found[2])) {
    for (int i = 0; i < 3; i++) JS_FreeValue(ctx, found[i]);
    return -1;
  }
  object_prototype = found[0];
  array_prototype = found[1];
  bytes_prototype = found[2];
  return 0;
}

int codec_object_kind(JSContext *ctx, JSValueConst object) {
  if (find_prototypes(ctx)) return -1;
  JSValue prototype = JS_GetPrototype(ctx, object);
  if (JS_IsException(prototype)) return -1;
  int kind = CODEC_OTHER;
  if (JS_IsArray(object)) kind = same_object(prototype, array_prototype) ? CODEC_ARRAY : CODEC_OTHER;
  else if (JS_IsNull(prototype) || same_object(prototype, object_prototype)) kind = CODEC_PLAIN_OBJECT;
  else if (same_object(prototype, bytes_prototype)) kind = CODEC_BYTES;
  JS_FreeValue(ctx, prototype);
  return kind;
}

const CodecAtoms *codec_atoms(JSContext *ctx) {
  static CodecAtoms atoms;
  if (!atoms.to_json) {
    atoms.to_json = JS_NewAtom(ctx, "toJSON");
    atoms.has_own_property = JS_NewAtom(ctx, "hasOwnProperty");
  }
  return &atoms;
}

int codec_entries_open(JSContext *ctx, JSValueConst object, CodecEntries *entries) {
  *entries = (CodecEntries){ctx, 0, NULL, NULL};
  int plain = engine_plain_entries(ctx, object, &entries->values, &entries->atoms, &entries->count);
  if (plain < 0) JS_ThrowOutOfMemory(ctx);
  return plain;
}

JSValue codec_entry_value(CodecEntries *entries, uint32_t index) { return JS_DupValue(entries->ctx, entries->values[index]); }

void codec_entries_close(CodecEntries *entries) {
  if (!entries->values) return;
  for (uint32_t i = 0; i < entries->count; i++) {
    JS_FreeValue(entries->ctx, entries->values[i]);
    JS_FreeAtom(entries->ctx, entries->atoms[i]);
  }
  js_free(entries->ctx, entries->values); /* the atoms share its block */
}

int codec_array_items(JSValueConst array, const JSValue **items, uint32_t *count) {
  return engine_dense_array(array, items, count);
}

JSAtom codec_atom_of_text(JSContext *ctx, const uint8_t *text, size_t length) {
  /* JS_NewAtomLen finds existing atoms by comparing the bytes with Latin-1
     atom text (QuickJS 2021 and NG alike), so "é" in UTF-8 would find "Ã©":
     it is only right for ASCII. */
  size_t i = 0;
  while (i < length && text[i] < 0x80) i++;
  if (i == length) return JS_NewAtomLen(ctx, (const char *)text, length);
  JSValue name = JS_NewStringLen(ctx, (const char *)text, length);
  if (JS_IsException(name)) return JS_ATOM_NULL;
  JSAtom atom = JS_ValueToAtom(ctx, name);
  JS_FreeValue(ctx, name);
  return atom;
}
