/* MessagePack encoding of engine values, for @extism-ts/convert's msgpack()
   inside a plug-in (decoding: msgpack_decode.c). It writes the bytes of the
   codec's JS implementation (msgpackr configured for rmp-serde, see
   packages/convert/src/msgpack.ts) for what it handles (null, undefined,
   booleans, numbers, bigints, strings, arrays, plain objects, Uint8Array) and
   answers undefined for anything else (Map, Date, class instances, objects
   with their own toJSON, getters, proxies, arrays with holes, ...), which the
   codec then encodes in JS, before any plug-in code ran. It recurses at most
   MAX_DEPTH levels (rmp-serde's limit), so a cycle is an error, never an
   exhausted stack. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "codec.h"

#define MAX_DEPTH CODEC_MAX_DEPTH

typedef struct {
  JSContext *ctx;
  CodecBuffer out;
  const CodecAtoms *atoms;
} Encoder;

enum { ENCODED = 0, FAILED = -1, NOT_HANDLED = 1 };

static void put_u8(Encoder *e, uint8_t byte) { e->out.data[e->out.length++] = byte; }

static void put_be(Encoder *e, uint64_t value, int size) {
  for (int shift = (size - 1) * 8; shift >= 0; shift -= 8) put_u8(e, (uint8_t)(value >> shift));
}

/* An integer in [-2^31, 2^32): msgpackr's smallest form (positive fixint up to 0x7f). */
static int encode_small_integer(Encoder *e, int64_t value) {
  if (codec_buffer_reserve(e->ctx, &e->out, 5)) return FAILED;
  if (value >= 0) {
    if (value < 0x80) put_u8(e, (uint8_t)value);
    else if (value < 0x100) put_u8(e, 0xcc), put_u8(e, (uint8_t)value);
    else if (value < 0x10000) put_u8(e, 0xcd), put_be(e, (uint64_t)value, 2);
    else put_u8(e, 0xce), put_be(e, (uint64_t)value, 4);
  } else {
    if (value >= -0x20) put_u8(e, (uint8_t)value);
    else if (value >= -0x80) put_u8(e, 0xd0), put_u8(e, (uint8_t)value);
    else if (value >= -0x8000) put_u8(e, 0xd1), put_be(e, (uint64_t)value, 2);
    else put_u8(e, 0xd2), put_be(e, (uint64_t)value, 4);
  }
  return ENCODED;
}

static int encode_wide_integer(Encoder *e, uint8_t marker, uint64_t bits) {
  if (codec_buffer_reserve(e->ctx, &e->out, 9)) return FAILED;
  put_u8(e, marker);
  put_be(e, bits, 8);
  return ENCODED;
}

/* Integers in [-2^31, 2^32) in their smallest form, other safe integers as
   int 64 (what rmp-serde reads into i64 and u64), the rest as float 64. */
static int encode_number(Encoder *e, double value) {
  if (value >= -2147483648.0 && value <= 4294967295.0 && value == floor(value))
    return encode_small_integer(e, (int64_t)value);
  if (fabs(value) <= 9007199254740991.0 && value == trunc(value))
    return encode_wide_integer(e, 0xd3, (uint64_t)(int64_t)value);
  uint64_t bits;
  memcpy(&bits, &value, sizeof bits);
  return encode_wide_integer(e, 0xcb, bits);
}

/* A bigint as the number it equals when in [-2^31, 2^32), else int 64, or
   uint 64 from 2^63 on; beyond 64 bits the JS implementation says why not. */
static int encode_bigint(Encoder *e, JSValueConst value) {
  size_t length;
  const char *digits = JS_ToCStringLen(e->ctx, &length, value);
  if (!digits) return FAILED;
  int negative = length > 0 && digits[0] == '-';
  uint64_t magnitude = 0;
  int overflow = 0;
  for (size_t i = negative; i < length; i++) {
    unsigned digit = (unsigned)(digits[i] - '0');
    if (magnitude > (UINT64_MAX - digit) / 10) overflow = 1;
    magnitude = magnitude * 10 + digit;
  }
  JS_FreeCString(e->ctx, digits);
  if (overflow) return NOT_HANDLED;
  if (negative) {
    if (magnitude <= 0x80000000ull) return encode_small_integer(e, -(int64_t)magnitude);
    if (magnitude > 0x8000000000000000ull) return NOT_HANDLED;
    return encode_wide_integer(e, 0xd3, (uint64_t)0 - magnitude);
  }
  if (magnitude <= 0xffffffffull) return encode_small_integer(e, (int64_t)magnitude);
  return encode_wide_integer(e, magnitude < 0x8000000000000000ull ? 0xd3 : 0xcf, magnitude);
}

/* A header whose size depends on the count: fix form up to `fix_limit`, then 16 and 32 bits. */
static void put_header(Encoder *e, uint8_t fix, uint32_t fix_limit, uint8_t marker16, uint64_t count) {
  if (count < fix_limit) put_u8(e, (uint8_t)(fix | count));
  else if (count < 0x10000) put_u8(e, marker16), put_be(e, count, 2);
  else put_u8(e, (uint8_t)(marker16 + 1)), put_be(e, count, 4);
}

static int header_size(uint64_t count, uint32_t fix_limit) { return count < fix_limit ? 1 : count < 0x10000 ? 3 : 5; }

static int encode_string(Encoder *e, JSValueConst value) {
  size_t length;
  const char *text = JS_ToCStringLen(e->ctx, &length, value);
  if (!text) return FAILED;
  int status = FAILED;
  if (length > 0xffffffffu) {
    JS_ThrowRangeError(e->ctx, "a string of %zu bytes is too long for MessagePack", length);
  } else if (codec_buffer_reserve(e->ctx, &e->out, 5 + length) == 0) {
    /* str 8 from 32 bytes, as rmp-serde writes (no fixstr beyond 31). */
    if (length < 0x20) put_u8(e, (uint8_t)(0xa0 | length));
    else if (length < 0x100) put_u8(e, 0xd9), put_u8(e, (uint8_t)length);
    else if (length < 0x10000) put_u8(e, 0xda), put_be(e, length, 2);
    else put_u8(e, 0xdb), put_be(e, length, 4);
    memcpy(e->out.data + e->out.length, text, length);
    bridge_replace_lone_surrogates(e->out.data + e->out.length, length);
    e->out.length += length;
    status = ENCODED;
  }
  JS_FreeCString(e->ctx, text);
  return status;
}

static int encode_bytes(Encoder *e, JSValueConst value) {
  const uint8_t *data;
  size_t length;
  if (bridge_get_bytes(e->ctx, value, "a Uint8Array", &data, &length)) return FAILED;
  if (length > 0xffffffffu) {
    JS_ThrowRangeError(e->ctx, "a Uint8Array of %zu bytes is too long for MessagePack", length);
    return FAILED;
  }
  if (codec_buffer_reserve(e->ctx, &e->out, 5 + length)) return FAILED;
  if (length < 0x100) put_u8(e, 0xc4), put_u8(e, (uint8_t)length);
  else if (length < 0x10000) put_u8(e, 0xc5), put_be(e, length, 2);
  else put_u8(e, 0xc6), put_be(e, length, 4);
  memcpy(e->out.data + e->out.length, data, length);
  e->out.length += length;
  return ENCODED;
}

static int encode_value(Encoder *e, JSValueConst value, int depth);

static int encode_array(Encoder *e, JSValueConst array, int depth) {
  const JSValue *items;
  uint32_t length;
  if (codec_array_items(array, &items, &length)) return NOT_HANDLED;
  if (codec_buffer_reserve(e->ctx, &e->out, 5)) return FAILED;
  put_header(e, 0x90, 0x10, 0xdc, length);
  for (uint32_t i = 0; i < length; i++) {
    int status = encode_value(e, items[i], depth + 1);
    if (status != ENCODED) return status;
  }
  return ENCODED;
}

/* Own enumerable string keys in property order, undefined values left out
   (like JSON.stringify). The header's size is guessed from the number of
   keys and corrected, by moving the entries, when undefined values make it smaller. */
static int encode_object(Encoder *e, JSValueConst object, int depth) {
  CodecEntries entries;
  int opened = codec_entries_open(e->ctx, object, &entries);
  if (opened) return opened < 0 ? FAILED : NOT_HANDLED;
  uint32_t count = entries.count;
  int status = ENCODED;
  /* An own toJSON or hasOwnProperty changes how the JS implementation writes the object. */
  for (uint32_t i = 0; i < count; i++)
    if (entries.atoms[i] == e->atoms->to_json || entries.atoms[i] == e->atoms->has_own_property) status = NOT_HANDLED;
  int guessed = header_size(count, 0x10);
  size_t header_at = e->out.length;
  if (status == ENCODED && codec_buffer_reserve(e->ctx, &e->out, (size_t)guessed) == 0) {
    e->out.length += (size_t)guessed;
  } else if (status == ENCODED) {
    status = FAILED;
  }
  uint32_t written = 0;
  for (uint32_t i = 0; i < count && status == ENCODED; i++) {
    JSValue item = codec_entry_value(&entries, i);
    if (!JS_IsUndefined(item)) {
      JSValue key = JS_AtomToString(e->ctx, entries.atoms[i]);
      status = JS_IsException(key) ? FAILED : encode_string(e, key);
      JS_FreeValue(e->ctx, key);
      if (status == ENCODED) status = encode_value(e, item, depth + 1);
      written++;
    }
    JS_FreeValue(e->ctx, item);
  }
  codec_entries_close(&entries);
  if (status != ENCODED) return status;
  int actual = header_size(written, 0x10);
  if (actual != guessed) {
    uint8_t *body = e->out.data + header_at + guessed;
    size_t body_length = e->out.length - header_at - (size_t)guessed;
    memmove(body - (guessed - actual), body, body_length);
    e->out.length -= (size_t)(guessed - actual);
  }
  size_t end = e->out.length;
  e->out.length = header_at;
  put_header(e, 0x80, 0x10, 0xde, written);
  e->out.length = end;
  return ENCODED;
}

static int encode_value(Encoder *e, JSValueConst value, int depth) {
  if (JS_VALUE_GET_TAG(value) == JS_TAG_INT) return encode_small_integer(e, JS_VALUE_GET_INT(value));
  if (JS_IsNumber(value)) {
    double number;
    if (JS_ToFloat64(e->ctx, &number, value)) return FAILED;
    return encode_number(e, number);
  }
  if (JS_IsString(value)) return encode_string(e, value);
  if (JS_IsNull(value) || JS_IsUndefined(value) || JS_IsBool(value)) {
    if (codec_buffer_reserve(e->ctx, &e->out, 1)) return FAILED;
    put_u8(e, JS_IsBool(value) ? (JS_ToBool(e->ctx, value) ? 0xc3 : 0xc2) : 0xc0);
    return ENCODED;
  }
  if (JS_IsBigInt(value)) return encode_bigint(e, value);
  /* A Proxy runs a trap at every look: it goes to the JS implementation whole. */
  if (!JS_IsObject(value) || JS_IsProxy(value) || JS_IsFunction(e->ctx, value)) return NOT_HANDLED;
  if (depth >= MAX_DEPTH) {
    JS_ThrowRangeError(e->ctx, "nested deeper than %d levels (is there a cycle?)", MAX_DEPTH);
    return FAILED;
  }
  switch (codec_object_kind(e->ctx, value)) {
    case CODEC_ARRAY:
      return encode_array(e, value, depth);
    case CODEC_PLAIN_OBJECT:
      return encode_object(e, value, depth);
    case CODEC_BYTES:
      return encode_bytes(e, value);
    case CODEC_OTHER:
      return NOT_HANDLED;
    default:
      return FAILED;
  }
}

/* msgpack_encode(value): the bytes, or undefined when the value holds
   something only the JS implementation encodes. */
JSValue js_msgpack_encode(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  Encoder e = {ctx, {NULL, 0, 0}, codec_atoms(ctx)};
  if (!e.atoms->has_own_property) return JS_EXCEPTION;
  int status = encode_value(&e, argv[0], 0);
  if (status == ENCODED) return codec_buffer_finish(ctx, &e.out);
  codec_buffer_free(&e.out);
  return status == NOT_HANDLED ? JS_UNDEFINED : JS_EXCEPTION;
}
