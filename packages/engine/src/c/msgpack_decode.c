/* MessagePack decoding into engine values, for @extism-ts/convert's msgpack()
   inside a plug-in (encoding: msgpack_encode.c). It refuses what
   packages/convert/src/msgpack-scan.ts refuses, with the same reasons and
   byte offsets, in one pass that also builds the value, and recurses at most
   MAX_DEPTH levels (rmp-serde's limit), so deep input is an error, never an
   exhausted stack. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "codec.h"

#define MAX_DEPTH CODEC_MAX_DEPTH
#define TIMESTAMP_EXTENSION (-1)

typedef struct {
  JSContext *ctx;
  JSValueConst source;
  const uint8_t *data;
  size_t length;
  size_t pos;
  JSValueConst make_date;
  /* Cleared when a map key cannot be a property name: the rest is only
     checked, and that error is reported if the structure is otherwise sound
     (the JS implementation checks the whole structure before building). */
  int building;
  int unusable_key;
} Decoder;

#define DECODE_ERROR(d, offset, ...) codec_throw_decode_error((d)->ctx, (offset), __VA_ARGS__)

static JSValue decode_value(Decoder *d, int open);

static const char *plural(uint64_t n) { return n == 1 ? "" : "s"; }

static uint64_t read_be(const uint8_t *p, int size) {
  uint64_t value = 0;
  for (int i = 0; i < size; i++) value = value << 8 | p[i];
  return value;
}

/* Fails unless `size` more bytes are there. */
static int need(Decoder *d, uint64_t size, const char *what) {
  if (d->length - d->pos >= size) return 0;
  DECODE_ERROR(d, d->length, "truncated %s", what);
  return -1;
}

static int read_length(Decoder *d, int size, uint64_t *length) {
  if (need(d, (uint64_t)size, "length")) return -1;
  *length = read_be(d->data + d->pos, size);
  d->pos += (size_t)size;
  return 0;
}

/* The UTF-8 of a string of `size` bytes at the current position, checked. */
static const uint8_t *take_text(Decoder *d, uint64_t size) {
  if (need(d, size, "string")) return NULL;
  const uint8_t *text = d->data + d->pos;
  size_t bad = utf8_invalid_at(text, (size_t)size);
  if (bad != CODEC_NO_OFFSET) {
    DECODE_ERROR(d, d->pos + bad, "invalid UTF-8 in string");
    return NULL;
  }
  d->pos += (size_t)size;
  return text;
}

static JSValue decode_string(Decoder *d, uint64_t size) {
  const uint8_t *text = take_text(d, size);
  if (!text) return JS_EXCEPTION;
  return d->building ? JS_NewStringLen(d->ctx, (const char *)text, (size_t)size) : JS_UNDEFINED;
}

static JSValue decode_binary(Decoder *d, uint64_t size) {
  if (need(d, size, "binary")) return JS_EXCEPTION;
  const uint8_t *bytes = d->data + d->pos;
  d->pos += (size_t)size;
  if (!d->building) return JS_UNDEFINED;
  uint8_t *copy = malloc(size ? (size_t)size : 1);
  if (!copy) return JS_ThrowOutOfMemory(d->ctx);
  memcpy(copy, bytes, (size_t)size);
  return bridge_new_uint8array(d->ctx, copy, (size_t)size);
}

/* The time of a timestamp extension in milliseconds, computed as the JS
   implementation (msgpackr) computes it, operation for operation. */
static double timestamp_millis(const uint8_t *p, uint64_t size) {
  if (size == 4) return (double)read_be(p, 4) * 1000;
  if (size == 8) {
    double nanos = (double)((uint32_t)p[0] << 22 | (uint32_t)p[1] << 14 | (uint32_t)p[2] << 6 | (uint32_t)p[3] >> 2);
    double seconds = (double)(p[3] & 3) * 4294967296.0 + (double)read_be(p + 4, 4);
    return nanos / 1000000 + seconds * 1000;
  }
  /* msgpackr reads the nanoseconds as a signed 32-bit sum and the seconds
     from the sign bit and the low 48 bits only. */
  double nanos = (double)(int32_t)((uint32_t)p[0] << 24) + (double)(p[1] << 16) + (double)(p[2] << 8) + p[3];
  double seconds = ((p[4] & 0x80) ? -281474976710656.0 : 0) + p[6] * 1099511627776.0 + p[7] * 4294967296.0 +
                   p[8] * 16777216.0 + (double)(p[9] << 16) + (double)(p[10] << 8) + p[11];
  return nanos / 1000000 + seconds * 1000;
}

static JSValue decode_extension(Decoder *d, uint64_t size, size_t at) {
  if (need(d, size + 1, "extension")) return JS_EXCEPTION;
  int type = (int8_t)d->data[d->pos];
  if (type != TIMESTAMP_EXTENSION) return DECODE_ERROR(d, at, "unsupported extension type %d", type);
  if (size != 4 && size != 8 && size != 12)
    return DECODE_ERROR(d, at, "timestamp extension must be 4, 8 or 12 bytes, got %llu", (unsigned long long)size);
  const uint8_t *payload = d->data + d->pos + 1;
  d->pos += (size_t)size + 1;
  if (!d->building) return JS_UNDEFINED;
  JSValue millis = JS_NewFloat64(d->ctx, timestamp_millis(payload, size));
  JSValue date = JS_Call(d->ctx, d->make_date, JS_UNDEFINED, 1, &millis);
  JS_FreeValue(d->ctx, millis);
  /* makeDate is JS: make sure the bytes being read are still where they were. */
  if (JS_IsException(date)) return date;
  const uint8_t *data;
  size_t length;
  if (bridge_get_bytes(d->ctx, d->source, "the bytes to decode", &data, &length)) {
    JS_FreeValue(d->ctx, date);
    return JS_EXCEPTION;
  }
  if (data != d->data || length != d->length) {
    JS_FreeValue(d->ctx, date);
    return JS_ThrowTypeError(d->ctx, "the bytes being decoded changed while a date was made");
  }
  return date;
}

/* A container of `items` values (a map has two per entry) may start. */
static int open_container(Decoder *d, uint64_t items, size_t at, int is_map, int open) {
  size_t left = d->length - d->pos;
  if (items > left) {
    if (is_map)
      DECODE_ERROR(d, d->length, "truncated: map of %llu entries, %zu byte%s left", (unsigned long long)(items / 2), left, plural(left));
    else
      DECODE_ERROR(d, d->length, "truncated: array of %llu items, %zu byte%s left", (unsigned long long)items, left, plural(left));
    return -1;
  }
  if (open >= MAX_DEPTH) {
    DECODE_ERROR(d, at, "nested deeper than %d levels", MAX_DEPTH);
    return -1;
  }
  return 0;
}

/* Stop building: the value built so far goes, the rest is only checked. */
static JSValue stop_building(Decoder *d, JSValue partial) {
  d->building = 0;
  JS_FreeValue(d->ctx, partial);
  return JS_UNDEFINED;
}

/* The items go into a buffer and become a fast array in one step, not one property definition each. */
static JSValue decode_array(Decoder *d, uint64_t count, size_t at, int open) {
  if (count > 0 && open_container(d, count, at, 0, open)) return JS_EXCEPTION;
  /* The item buffer's size in bytes must not wrap (wasm32's size_t is 32 bits)
     and JS_NewArrayFrom takes an int count. */
  if (count > (uint64_t)INT32_MAX || count > SIZE_MAX / sizeof(JSValue))
    return DECODE_ERROR(d, at, "array of %llu items: more than a plug-in can hold", (unsigned long long)count);
  JSValue small[16];
  JSValue *items = count <= 16 ? small : malloc((size_t)count * sizeof(JSValue));
  if (!items) return JS_ThrowOutOfMemory(d->ctx);
  uint64_t built = 0;
  JSValue result = JS_UNDEFINED;
  for (uint64_t i = 0; i < count; i++) {
    JSValue item = decode_value(d, open + 1);
    if (JS_IsException(item)) {
      result = item;
      break;
    }
    if (d->building) items[built++] = item;
    else JS_FreeValue(d->ctx, item);
  }
  if (JS_IsException(result) || !d->building) {
    for (uint64_t i = 0; i < built; i++) JS_FreeValue(d->ctx, items[i]);
  } else {
    result = JS_NewArrayFrom(d->ctx, (int)built, items);
  }
  if (items != small) free(items);
  return result;
}

/* The property name a map key becomes: strings as they are ("__proto__" as
   "__proto_", so that no input can set a prototype), numbers, booleans,
   bigints and nil in their string form. Returns 0 (with JS_ATOM_NULL once
   nothing is built), -1 on an error, 1 when the key is a container, bytes or a
   date, which no property name can stand for. */
static int decode_key(Decoder *d, int open, JSAtom *atom) {
  *atom = JS_ATOM_NULL;
  uint8_t token = d->pos < d->length ? d->data[d->pos] : 0;
  int length_size = token >= 0xd9 && token <= 0xdb ? 1 << (token - 0xd9) : 0;
  if ((token >= 0xa0 && token <= 0xbf) || length_size > 0) {
    uint64_t size = token & 0x1f;
    d->pos++;
    if (length_size > 0 && read_length(d, length_size, &size)) return -1;
    const uint8_t *text = take_text(d, size);
    if (!text) return -1;
    if (!d->building) return 0;
    if (size == 9 && memcmp(text, "__proto__", 9) == 0) size = 8;
    *atom = codec_atom_of_text(d->ctx, text, (size_t)size);
    return *atom == JS_ATOM_NULL ? -1 : 0;
  }
  JSValue key = decode_value(d, open);
  if (JS_IsException(key)) return -1;
  if (!d->building) {
    /* Scalars are made even when nothing is built: a bigint holds memory. */
    JS_FreeValue(d->ctx, key);
    return 0;
  }
  if (JS_IsObject(key)) {
    JS_FreeValue(d->ctx, key);
    return 1;
  }
  JSValue name = JS_ToString(d->ctx, key);
  JS_FreeValue(d->ctx, key);
  if (JS_IsException(name)) return -1;
  *atom = JS_ValueToAtom(d->ctx, name);
  JS_FreeValue(d->ctx, name);
  return *atom == JS_ATOM_NULL ? -1 : 0;
}

static JSValue decode_map(Decoder *d, uint64_t entries, size_t at, int open) {
  if (entries > 0 && open_container(d, entries * 2, at, 1, open)) return JS_EXCEPTION;
  JSValue object = d->building ? JS_NewObject(d->ctx) : JS_UNDEFINED;
  if (JS_IsException(object)) return object;
  for (uint64_t i = 0; i < entries; i++) {
    JSAtom key;
    int status = decode_key(d, open + 1, &key);
    if (status < 0) {
      JS_FreeValue(d->ctx, object);
      return JS_EXCEPTION;
    }
    if (status > 0) {
      d->unusable_key = 1;
      object = stop_building(d, object);
    }
    JSValue item = decode_value(d, open + 1);
    if (JS_IsException(item)) {
      JS_FreeAtom(d->ctx, key);
      JS_FreeValue(d->ctx, object);
      return item;
    }
    if (!d->building) {
      JS_FreeAtom(d->ctx, key);
      JS_FreeValue(d->ctx, item);
      object = stop_building(d, object);
      continue;
    }
    int defined = JS_DefinePropertyValue(d->ctx, object, key, item, JS_PROP_C_W_E);
    JS_FreeAtom(d->ctx, key);
    if (defined < 0) {
      JS_FreeValue(d->ctx, object);
      return JS_EXCEPTION;
    }
  }
  return object;
}

static JSValue decode_value(Decoder *d, int open) {
  if (d->pos >= d->length) return DECODE_ERROR(d, d->length, "unexpected end of input");
  size_t at = d->pos;
  uint8_t token = d->data[d->pos++];
  if (token <= 0x7f) return JS_NewInt32(d->ctx, token);
  if (token >= 0xe0) return JS_NewInt32(d->ctx, (int8_t)token);
  if (token <= 0x8f) return decode_map(d, token & 0x0f, at, open);
  if (token <= 0x9f) return decode_array(d, token & 0x0f, at, open);
  if (token <= 0xbf) return decode_string(d, token & 0x1f);
  uint64_t length;
  const uint8_t *p = d->data + d->pos;
  switch (token) {
    case 0xc0:
      return JS_NULL;
    case 0xc2:
      return JS_FALSE;
    case 0xc3:
      return JS_TRUE;
    case 0xc4:
    case 0xc5:
    case 0xc6:
      if (read_length(d, 1 << (token - 0xc4), &length)) return JS_EXCEPTION;
      return decode_binary(d, length);
    case 0xc7:
    case 0xc8:
    case 0xc9:
      if (read_length(d, 1 << (token - 0xc7), &length)) return JS_EXCEPTION;
      return decode_extension(d, length, at);
    case 0xca: {
      if (need(d, 4, "float 32")) return JS_EXCEPTION;
      uint32_t bits = (uint32_t)read_be(p, 4);
      float value;
      memcpy(&value, &bits, sizeof value);
      d->pos += 4;
      return JS_NewFloat64(d->ctx, value);
    }
    case 0xcb: {
      if (need(d, 8, "float 64")) return JS_EXCEPTION;
      uint64_t bits = read_be(p, 8);
      double value;
      memcpy(&value, &bits, sizeof value);
      d->pos += 8;
      return JS_NewFloat64(d->ctx, value);
    }
    case 0xcc:
    case 0xcd:
    case 0xce:
    case 0xcf: {
      int size = 1 << (token - 0xcc);
      if (need(d, (uint64_t)size, "integer")) return JS_EXCEPTION;
      uint64_t value = read_be(p, size);
      d->pos += (size_t)size;
      /* Beyond 2^53 a number would round: a bigint (as the JS implementation reads it). */
      if (value > 9007199254740992ull) return JS_NewBigUint64(d->ctx, value);
      return JS_NewInt64(d->ctx, (int64_t)value);
    }
    case 0xd0:
    case 0xd1:
    case 0xd2:
    case 0xd3: {
      int size = 1 << (token - 0xd0);
      if (need(d, (uint64_t)size, "integer")) return JS_EXCEPTION;
      uint64_t bits = read_be(p, size);
      d->pos += (size_t)size;
      int shift = 64 - 8 * size;
      int64_t value = (int64_t)(bits << shift) >> shift;
      if (value > 9007199254740992ll || value < -9007199254740992ll) return JS_NewBigInt64(d->ctx, value);
      return JS_NewInt64(d->ctx, value);
    }
    case 0xd4:
    case 0xd5:
    case 0xd6:
    case 0xd7:
    case 0xd8:
      return decode_extension(d, (uint64_t)1 << (token - 0xd4), at);
    case 0xd9:
    case 0xda:
    case 0xdb:
      if (read_length(d, 1 << (token - 0xd9), &length)) return JS_EXCEPTION;
      return decode_string(d, length);
    case 0xdc:
    case 0xdd:
      if (read_length(d, token == 0xdc ? 2 : 4, &length)) return JS_EXCEPTION;
      return decode_array(d, length, at, open);
    case 0xde:
    case 0xdf:
      if (read_length(d, token == 0xde ? 2 : 4, &length)) return JS_EXCEPTION;
      return decode_map(d, length, at, open);
    default: /* 0xc1: reserved, "never used" in the spec */
      return DECODE_ERROR(d, at, "0x%02x is not a MessagePack type", token);
  }
}

/* msgpack_decode(bytes, makeDate): the value the bytes hold; makeDate(ms)
   makes the plug-in's Date for a timestamp. Throws a TypeError with `reason`
   and `offset` (see codec.h) at the first byte that is not MessagePack as
   rmp-serde writes it, or after the value when bytes are left over. */
JSValue js_msgpack_decode(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  Decoder d = {ctx, argv[0], NULL, 0, 0, argc > 1 ? argv[1] : JS_UNDEFINED, 1, 0};
  if (bridge_get_bytes(ctx, argv[0], "the bytes to decode", &d.data, &d.length)) return JS_EXCEPTION;
  if (!JS_IsFunction(ctx, d.make_date)) return JS_ThrowTypeError(ctx, "msgpack_decode needs a function that makes dates");
  JSValue value = decode_value(&d, 0);
  if (JS_IsException(value)) return value;
  if (d.pos != d.length) {
    JS_FreeValue(ctx, value);
    size_t extra = d.length - d.pos;
    return DECODE_ERROR(&d, d.pos, "%zu trailing byte%s after the value", extra, plural(extra));
  }
  if (d.unusable_key) {
    JS_FreeValue(ctx, value);
    /* The JS implementation's words (msgpackr's), so that Node and plug-ins say the same. */
    return DECODE_ERROR(&d, CODEC_NO_OFFSET,
                        "Invalid property type for record: object. A MessagePack map with non-string keys can be "
                        "decoded as a Map with mapsAsObjects: false");
  }
  return value;
}
