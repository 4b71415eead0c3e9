/* JSON between engine values and UTF-8 bytes, for @extism-ts/convert's
   json() inside a plug-in.

   QuickJS parses UTF-8 text: decoding parses the bytes themselves, where
   JSON.parse(new TextDecoder().decode(bytes)) would make a JS string of them
   and convert it back to UTF-8 (twice, with the nesting guard) before parsing.

   Encoding writes UTF-8 JSON straight from plain values (null, booleans,
   numbers, strings, arrays and plain objects without a toJSON), with the
   bytes QuickJS's JSON.stringify and TextEncoder would give, and leaves
   anything else (bigints, class instances, Dates, toJSON, deeper than
   CODEC_MAX_DEPTH) to JSON.stringify itself. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "codec.h"

/* json_decode(bytes): JSON.parse of UTF-8 bytes. Ill-formed UTF-8 throws a
   TypeError with `reason` and `offset` (see codec.h); malformed JSON throws
   JSON.parse's SyntaxError. */
JSValue js_json_decode(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  const uint8_t *data;
  size_t length;
  if (bridge_get_bytes(ctx, argv[0], "the bytes to decode", &data, &length)) return JS_EXCEPTION;
  size_t bad = utf8_invalid_at(data, length);
  if (bad != CODEC_NO_OFFSET) return codec_throw_decode_error(ctx, bad, "invalid UTF-8");
  if (limits_check_json_depth(ctx, (const char *)data, length)) return JS_EXCEPTION;
  /* The parser reads up to a terminating zero. */
  char *text = malloc(length + 1);
  if (!text) return JS_ThrowOutOfMemory(ctx);
  memcpy(text, data, length);
  text[length] = 0;
  JSValue value = JS_ParseJSON(ctx, text, length, "<input>");
  free(text);
  return value;
}

enum { WRITTEN = 0, FAILED = -1, NOT_HANDLED = 1, NO_TEXT = 2 /* undefined, a function, a symbol */ };

typedef struct {
  JSContext *ctx;
  CodecBuffer out;
  const CodecAtoms *atoms;
} Writer;

static int put(Writer *w, const char *text, size_t length) {
  if (codec_buffer_reserve(w->ctx, &w->out, length)) return FAILED;
  memcpy(w->out.data + w->out.length, text, length);
  w->out.length += length;
  return WRITTEN;
}

static int write_number(Writer *w, JSValueConst value) {
  char digits[16];
  if (JS_VALUE_GET_TAG(value) == JS_TAG_INT) return put(w, digits, (size_t)snprintf(digits, sizeof digits, "%d", JS_VALUE_GET_INT(value)));
  double number;
  if (JS_ToFloat64(w->ctx, &number, value)) return FAILED;
  if (!isfinite(number)) return put(w, "null", 4);
  /* The engine's own number to string, as JSON.stringify writes numbers. */
  size_t length;
  const char *text = JS_ToCStringLen(w->ctx, &length, value);
  if (!text) return FAILED;
  int status = put(w, text, length);
  JS_FreeCString(w->ctx, text);
  return status;
}

/* A string in quotes, escaped as QuickJS's JSON.stringify escapes it: \" \\
   \b \f \n \r \t, other controls and lone surrogates as \u00xx / \udxxx. */
static int write_string(Writer *w, JSValueConst value) {
  size_t length;
  const char *text = JS_ToCStringLen(w->ctx, &length, value);
  if (!text) return FAILED;
  /* At most six bytes out per byte in (a control character as \u00xx). */
  int status = length > (SIZE_MAX - 2) / 6 ? (JS_ThrowRangeError(w->ctx, "string too long"), FAILED)
                                            : codec_buffer_reserve(w->ctx, &w->out, length * 6 + 2);
  if (status == WRITTEN) {
    static const char hex[] = "0123456789abcdef";
    const uint8_t *p = (const uint8_t *)text, *end = p + length;
    uint8_t *q = w->out.data + w->out.length;
    *q++ = '"';
    while (p < end) {
      uint8_t c = *p;
      if (c >= 0x20 && c != '"' && c != '\\' && c != 0xED) {
        *q++ = c;
        p++;
        continue;
      }
      if (c == 0xED && (end - p < 3 || p[1] < 0xA0)) {
        *q++ = *p++;
        continue;
      }
      *q++ = '\\';
      if (c == 0xED) {
        /* A lone surrogate, which QuickJS writes as the three bytes of its code unit. */
        unsigned unit = (unsigned)(c & 0x0F) << 12 | (unsigned)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
        *q++ = 'u';
        for (int shift = 12; shift >= 0; shift -= 4) *q++ = (uint8_t)hex[(unit >> shift) & 15];
        p += 3;
        continue;
      }
      p++;
      switch (c) {
        case '"':
        case '\\':
          *q++ = c;
          break;
        case '\b':
          *q++ = 'b';
          break;
        case '\f':
          *q++ = 'f';
          break;
        case '\n':
          *q++ = 'n';
          break;
        case '\r':
          *q++ = 'r';
          break;
        case '\t':
          *q++ = 't';
          break;
        default:
          *q++ = 'u';
          *q++ = '0';
          *q++ = '0';
          *q++ = (uint8_t)hex[c >> 4];
          *q++ = (uint8_t)hex[c & 15];
      }
    }
    *q++ = '"';
    w->out.length = (size_t)(q - w->out.data);
  }
  JS_FreeCString(w->ctx, text);
  return status;
}

static int write_value(Writer *w, JSValueConst value, int depth);

static int write_array(Writer *w, JSValueConst array, int depth) {
  JSValue length_value = JS_GetProperty(w->ctx, array, w->atoms->length);
  uint32_t length;
  int status = JS_ToUint32(w->ctx, &length, length_value);
  JS_FreeValue(w->ctx, length_value);
  if (status || put(w, "[", 1)) return FAILED;
  for (uint32_t i = 0; i < length; i++) {
    if (i > 0 && put(w, ",", 1)) return FAILED;
    JSValue item = JS_GetPropertyUint32(w->ctx, array, i);
    if (JS_IsException(item)) return FAILED;
    status = write_value(w, item, depth + 1);
    JS_FreeValue(w->ctx, item);
    if (status == NO_TEXT) status = put(w, "null", 4);
    if (status != WRITTEN) return status;
  }
  return put(w, "]", 1);
}

/* Own enumerable string keys in property order; a value without JSON text drops its key. */
static int write_object(Writer *w, JSValueConst object, int depth) {
  JSPropertyEnum *properties;
  uint32_t count;
  if (JS_GetOwnPropertyNames(w->ctx, &properties, &count, object, JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY)) return FAILED;
  int status = put(w, "{", 1);
  int first = 1;
  for (uint32_t i = 0; i < count && status == WRITTEN; i++) {
    JSValue item = JS_GetProperty(w->ctx, object, properties[i].atom);
    if (JS_IsException(item)) {
      status = FAILED;
      break;
    }
    size_t before = w->out.length;
    JSValue key = JS_AtomToString(w->ctx, properties[i].atom);
    status = JS_IsException(key) ? FAILED : first ? WRITTEN : put(w, ",", 1);
    if (status == WRITTEN) status = write_string(w, key);
    if (status == WRITTEN) status = put(w, ":", 1);
    if (status == WRITTEN) status = write_value(w, item, depth + 1);
    JS_FreeValue(w->ctx, key);
    JS_FreeValue(w->ctx, item);
    if (status == NO_TEXT) {
      w->out.length = before;
      status = WRITTEN;
    } else if (status == WRITTEN) {
      first = 0;
    }
  }
  for (uint32_t i = 0; i < count; i++) JS_FreeAtom(w->ctx, properties[i].atom);
  js_free(w->ctx, properties);
  return status == WRITTEN ? put(w, "}", 1) : status;
}

static int write_value(Writer *w, JSValueConst value, int depth) {
  if (JS_IsNumber(value)) return write_number(w, value);
  if (JS_IsString(value)) return write_string(w, value);
  if (JS_IsNull(value)) return put(w, "null", 4);
  if (JS_IsBool(value)) return JS_ToBool(w->ctx, value) ? put(w, "true", 4) : put(w, "false", 5);
  if (JS_IsUndefined(value) || JS_IsSymbol(value)) return NO_TEXT;
  /* Bigints (which JSON.stringify refuses) go to JSON.stringify for its error. */
  if (!JS_IsObject(value) || depth >= CODEC_MAX_DEPTH) return NOT_HANDLED;
  /* JSON.stringify would call a toJSON, own or inherited. */
  int has_to_json = JS_HasProperty(w->ctx, value, w->atoms->to_json);
  if (has_to_json) return has_to_json < 0 ? FAILED : NOT_HANDLED;
  if (JS_IsFunction(w->ctx, value)) return NO_TEXT;
  int kind = codec_object_kind(w->ctx, value);
  if (kind < 0) return FAILED;
  if (kind == CODEC_ARRAY) return write_array(w, value, depth);
  if (kind == CODEC_PLAIN_OBJECT) return write_object(w, value, depth);
  return NOT_HANDLED;
}

/* json_encode(value): JSON.stringify's text as UTF-8 bytes (lone surrogates
   as U+FFFD, as TextEncoder writes them), or undefined when the value has no
   JSON text (undefined, a function, a symbol). */
JSValue js_json_encode(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  Writer w = {ctx, {NULL, 0, 0}, codec_atoms(ctx)};
  if (!w.atoms->to_json) return JS_EXCEPTION;
  int status = write_value(&w, argv[0], 0);
  if (status == WRITTEN) return codec_buffer_finish(ctx, &w.out);
  codec_buffer_free(&w.out);
  if (status == FAILED) return JS_EXCEPTION;
  if (status == NO_TEXT) return JS_UNDEFINED;
  JSValue text = JS_JSONStringify(ctx, argv[0], JS_UNDEFINED, JS_UNDEFINED);
  if (!JS_IsString(text)) return text;
  JSValue bytes = codec_utf8_bytes(ctx, text);
  JS_FreeValue(ctx, text);
  return bytes;
}
