/* JSON between engine values and UTF-8 bytes, for @extism-ts/convert's
   json() inside a plug-in.

   Decoding parses the bytes themselves, where JSON.parse(new
   TextDecoder().decode(bytes)) would make a JS string of them and convert it
   back to UTF-8 (twice, with the nesting guard) before QuickJS parses it.

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

/* A parser for well-formed JSON text that builds values directly from the
   bytes: strings without escapes straight from the input, keys as atoms,
   numbers with strtod (correctly rounded, where QuickJS's own parser is one
   ulp off for some 20-21 digit integers). It gives up (PASS) on anything it
   does not take, malformed text and lone surrogate escapes included, and
   JS_ParseJSON then parses the whole text (and reports what is wrong), so
   the result and the errors are JSON.parse's. */
enum { PARSED = 0, PARSE_FAILED = -1, PASS = 1 };

typedef struct {
  JSContext *ctx;
  const uint8_t *p, *end;
  CodecBuffer text; /* a string's UTF-8 with its escapes resolved */
  int depth;        /* arrays and objects open around r->p */
} Parser;

static void skip_space(Parser *r) {
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')) r->p++;
}

static int hex_digits(const uint8_t *p, uint32_t *value) {
  *value = 0;
  for (int i = 0; i < 4; i++) {
    uint8_t c = p[i];
    int digit = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
    if (digit < 0) return -1;
    *value = *value << 4 | (uint32_t)digit;
  }
  return 0;
}

/* The string at r->p (after its opening quote): its UTF-8 in *text, *length. */
static int parse_string(Parser *r, const uint8_t **text, size_t *length) {
  const uint8_t *start = r->p;
  uint8_t seen = 0; /* every raw byte or'ed: bit 7 set when the string has non-ASCII bytes to check */
  while (r->p < r->end && *r->p != '"' && *r->p != '\\' && *r->p >= 0x20) seen |= *r->p++;
  if (r->p >= r->end || *r->p < 0x20) return PASS;
  /* Only strings may hold non-ASCII bytes (anywhere else they end the fast path): the text is checked here, not in a pass of its own. */
  if ((seen & 0x80) && *r->p == '"' && utf8_invalid_at(start, (size_t)(r->p - start)) != CODEC_NO_OFFSET) return PASS;
  if (*r->p == '"') {
    *text = start;
    *length = (size_t)(r->p++ - start);
    return PARSED;
  }
  r->text.length = 0;
  if (codec_buffer_reserve(r->ctx, &r->text, (size_t)(r->p - start) + 16)) return PARSE_FAILED;
  memcpy(r->text.data, start, (size_t)(r->p - start));
  r->text.length = (size_t)(r->p - start);
  while (r->p < r->end && *r->p != '"') {
    uint8_t c = *r->p;
    if (c < 0x20) return PASS;
    seen |= c;
    /* At most 4 bytes out for any step below. */
    if (codec_buffer_reserve(r->ctx, &r->text, 4)) return PARSE_FAILED;
    uint8_t *q = r->text.data + r->text.length;
    if (c != '\\') {
      *q = c;
      r->text.length++;
      r->p++;
      continue;
    }
    if (r->end - r->p < 2) return PASS;
    uint8_t escape = r->p[1];
    r->p += 2;
    const char *simple = escape == '"' ? "\"" : escape == '\\' ? "\\" : escape == '/' ? "/" : escape == 'b' ? "\b"
                       : escape == 'f' ? "\f" : escape == 'n' ? "\n" : escape == 'r' ? "\r" : escape == 't' ? "\t" : NULL;
    if (simple) {
      *q = (uint8_t)simple[0];
      r->text.length++;
      continue;
    }
    uint32_t unit, low;
    if (escape != 'u' || r->end - r->p < 4 || hex_digits(r->p, &unit)) return PASS;
    r->p += 4;
    if (unit >= 0xD800 && unit <= 0xDFFF) {
      /* A pair makes one code point; a lone surrogate has no UTF-8: JS_ParseJSON makes that string. */
      if (unit > 0xDBFF || r->end - r->p < 6 || r->p[0] != '\\' || r->p[1] != 'u' || hex_digits(r->p + 2, &low) ||
          low < 0xDC00 || low > 0xDFFF)
        return PASS;
      r->p += 6;
      unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
    }
    if (unit < 0x80) {
      q[0] = (uint8_t)unit;
      r->text.length += 1;
    } else if (unit < 0x800) {
      q[0] = (uint8_t)(0xC0 | unit >> 6);
      q[1] = (uint8_t)(0x80 | (unit & 0x3F));
      r->text.length += 2;
    } else if (unit < 0x10000) {
      q[0] = (uint8_t)(0xE0 | unit >> 12);
      q[1] = (uint8_t)(0x80 | ((unit >> 6) & 0x3F));
      q[2] = (uint8_t)(0x80 | (unit & 0x3F));
      r->text.length += 3;
    } else {
      q[0] = (uint8_t)(0xF0 | unit >> 18);
      q[1] = (uint8_t)(0x80 | ((unit >> 12) & 0x3F));
      q[2] = (uint8_t)(0x80 | ((unit >> 6) & 0x3F));
      q[3] = (uint8_t)(0x80 | (unit & 0x3F));
      r->text.length += 4;
    }
  }
  if (r->p >= r->end) return PASS;
  if ((seen & 0x80) && utf8_invalid_at(start, (size_t)(r->p - start)) != CODEC_NO_OFFSET) return PASS;
  r->p++;
  *text = r->text.data;
  *length = r->text.length;
  return PARSED;
}

static int is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

static int parse_number(Parser *r, JSValue *value) {
  const uint8_t *start = r->p;
  if (r->p < r->end && *r->p == '-') r->p++;
  if (r->p >= r->end || !is_digit(*r->p)) return PASS;
  if (*r->p == '0') r->p++;
  else
    while (r->p < r->end && is_digit(*r->p)) r->p++;
  int integer = 1;
  if (r->p < r->end && *r->p == '.') {
    integer = 0;
    if (++r->p >= r->end || !is_digit(*r->p)) return PASS;
    while (r->p < r->end && is_digit(*r->p)) r->p++;
  }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
    integer = 0;
    r->p++;
    if (r->p < r->end && (*r->p == '+' || *r->p == '-')) r->p++;
    if (r->p >= r->end || !is_digit(*r->p)) return PASS;
    while (r->p < r->end && is_digit(*r->p)) r->p++;
  }
  size_t length = (size_t)(r->p - start);
  /* Up to 9 digits an int32; -0 stays a double. */
  if (integer && length <= 9 && !(length == 2 && start[0] == '-' && start[1] == '0')) {
    int32_t n = 0;
    for (const uint8_t *d = start[0] == '-' ? start + 1 : start; d < r->p; d++) n = n * 10 + (*d - '0');
    *value = JS_NewInt32(r->ctx, start[0] == '-' ? -n : n);
    return PARSED;
  }
  char small[64];
  char *copy = length < sizeof small ? small : malloc(length + 1);
  if (!copy) {
    JS_ThrowOutOfMemory(r->ctx);
    return PARSE_FAILED;
  }
  memcpy(copy, start, length);
  copy[length] = 0;
  *value = JS_NewFloat64(r->ctx, strtod(copy, NULL));
  if (copy != small) free(copy);
  return PARSED;
}

static int parse_value(Parser *r, JSValue *value);

static int parse_array(Parser *r, JSValue *value) {
  JSValue array = JS_NewArray(r->ctx);
  if (JS_IsException(array)) return PARSE_FAILED;
  skip_space(r);
  if (r->p < r->end && *r->p == ']') {
    r->p++;
    *value = array;
    return PARSED;
  }
  for (uint32_t i = 0;; i++) {
    JSValue item;
    int status = parse_value(r, &item);
    if (status == PARSED && JS_DefinePropertyValueUint32(r->ctx, array, i, item, JS_PROP_C_W_E) < 0) status = PARSE_FAILED;
    if (status == PARSED) {
      skip_space(r);
      if (r->p < r->end && *r->p == ',') {
        r->p++;
        continue;
      }
      if (r->p < r->end && *r->p == ']') {
        r->p++;
        *value = array;
        return PARSED;
      }
      status = PASS;
    }
    JS_FreeValue(r->ctx, array);
    return status;
  }
}

static int parse_object(Parser *r, JSValue *value) {
  JSValue object = JS_NewObject(r->ctx);
  if (JS_IsException(object)) return PARSE_FAILED;
  skip_space(r);
  if (r->p < r->end && *r->p == '}') {
    r->p++;
    *value = object;
    return PARSED;
  }
  for (;;) {
    int status = PASS;
    const uint8_t *text;
    size_t length;
    JSAtom key = JS_ATOM_NULL;
    if (r->p < r->end && *r->p == '"') {
      r->p++;
      status = parse_string(r, &text, &length);
    }
    if (status == PARSED) {
      key = codec_atom_of_text(r->ctx, text, length);
      if (key == JS_ATOM_NULL) status = PARSE_FAILED;
    }
    if (status == PARSED) {
      skip_space(r);
      if (r->p < r->end && *r->p == ':') r->p++;
      else status = PASS;
    }
    JSValue item;
    if (status == PARSED) status = parse_value(r, &item);
    if (status == PARSED && JS_DefinePropertyValue(r->ctx, object, key, item, JS_PROP_C_W_E) < 0) status = PARSE_FAILED;
    JS_FreeAtom(r->ctx, key);
    if (status == PARSED) {
      skip_space(r);
      if (r->p < r->end && *r->p == ',') {
        r->p++;
        skip_space(r);
        continue;
      }
      if (r->p < r->end && *r->p == '}') {
        r->p++;
        *value = object;
        return PARSED;
      }
      status = PASS;
    }
    JS_FreeValue(r->ctx, object);
    return status;
  }
}

static int parse_word(Parser *r, const char *word, JSValue meaning, JSValue *value) {
  size_t length = strlen(word);
  if ((size_t)(r->end - r->p) < length || memcmp(r->p, word, length) != 0) return PASS;
  r->p += length;
  *value = meaning;
  return PARSED;
}

static int parse_value(Parser *r, JSValue *value) {
  skip_space(r);
  if (r->p >= r->end) return PASS;
  switch (*r->p) {
    case '{':
    case '[': {
      /* The nesting limit bounds this parser's recursion; past it, the checks before JS_ParseJSON say why. */
      if (r->depth == LIMITS_JSON_MAX_DEPTH) return PASS;
      r->depth++;
      int status = *r->p++ == '{' ? parse_object(r, value) : parse_array(r, value);
      r->depth--;
      return status;
    }
    case '"': {
      r->p++;
      const uint8_t *text;
      size_t length;
      int status = parse_string(r, &text, &length);
      if (status != PARSED) return status;
      *value = JS_NewStringLen(r->ctx, (const char *)text, length);
      return JS_IsException(*value) ? PARSE_FAILED : PARSED;
    }
    case 't':
      return parse_word(r, "true", JS_TRUE, value);
    case 'f':
      return parse_word(r, "false", JS_FALSE, value);
    case 'n':
      return parse_word(r, "null", JS_NULL, value);
    default:
      return parse_number(r, value);
  }
}

/* json_decode(bytes): JSON.parse of UTF-8 bytes. Ill-formed UTF-8 throws a
   TypeError with `reason` and `offset` (see codec.h); malformed JSON throws
   JSON.parse's SyntaxError. */
JSValue js_json_decode(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  const uint8_t *data;
  size_t length;
  if (bridge_get_bytes(ctx, argv[0], "the bytes to decode", &data, &length)) return JS_EXCEPTION;
  Parser r = {ctx, data, data + length, {NULL, 0, 0}, 0};
  JSValue value;
  int status = parse_value(&r, &value);
  codec_buffer_free(&r.text);
  if (status == PARSED) {
    skip_space(&r);
    if (r.p == r.end) return value;
    JS_FreeValue(ctx, value);
    status = PASS;
  }
  if (status == PARSE_FAILED) return JS_EXCEPTION;
  /* The parser gave up (unusual syntax, ill-formed UTF-8, too deep): the whole text is checked, then JSON.parse's own parser says what is wrong. */
  size_t bad = utf8_invalid_at(data, length);
  if (bad != CODEC_NO_OFFSET) return codec_throw_decode_error(ctx, bad, "invalid UTF-8");
  /* JS_ParseJSON recurses without a limit of its own. */
  if (limits_check_json_depth(ctx, (const char *)data, length)) return JS_EXCEPTION;
  /* JS_ParseJSON reads up to a terminating zero. */
  char *text = malloc(length + 1);
  if (!text) return JS_ThrowOutOfMemory(ctx);
  memcpy(text, data, length);
  text[length] = 0;
  value = JS_ParseJSON(ctx, text, length, "<input>");
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

/* Decimal digits of an int32, written backwards: snprintf's generality costs more than the whole number. */
static int write_int(Writer *w, int32_t number) {
  char digits[12];
  char *end = digits + sizeof digits, *p = end;
  uint32_t magnitude = number < 0 ? 0u - (uint32_t)number : (uint32_t)number;
  do {
    *--p = (char)('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude);
  if (number < 0) *--p = '-';
  return put(w, p, (size_t)(end - p));
}

static int write_number(Writer *w, JSValueConst value) {
  if (JS_VALUE_GET_TAG(value) == JS_TAG_INT) return write_int(w, JS_VALUE_GET_INT(value));
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
  const JSValue *items;
  uint32_t length;
  if (codec_array_items(array, &items, &length)) return NOT_HANDLED;
  if (put(w, "[", 1)) return FAILED;
  for (uint32_t i = 0; i < length; i++) {
    if (i > 0 && put(w, ",", 1)) return FAILED;
    int status = write_value(w, items[i], depth + 1);
    if (status == NO_TEXT) status = put(w, "null", 4);
    if (status != WRITTEN) return status;
  }
  return put(w, "]", 1);
}

/* Own enumerable string keys in property order; a value without JSON text drops its key. */
static int write_object(Writer *w, JSValueConst object, int depth) {
  CodecEntries entries;
  int opened = codec_entries_open(w->ctx, object, &entries);
  if (opened) return opened < 0 ? FAILED : NOT_HANDLED;
  int status = put(w, "{", 1);
  int first = 1;
  for (uint32_t i = 0; i < entries.count && status == WRITTEN; i++) {
    JSValue item = codec_entry_value(&entries, i);
    size_t before = w->out.length;
    JSValue key = JS_AtomToString(w->ctx, entries.atoms[i]);
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
  codec_entries_close(&entries);
  return status == WRITTEN ? put(w, "}", 1) : status;
}

static int write_value(Writer *w, JSValueConst value, int depth) {
  if (JS_IsNumber(value)) return write_number(w, value);
  if (JS_IsString(value)) return write_string(w, value);
  if (JS_IsNull(value)) return put(w, "null", 4);
  if (JS_IsBool(value)) return JS_ToBool(w->ctx, value) ? put(w, "true", 4) : put(w, "false", 5);
  if (JS_IsUndefined(value) || JS_IsSymbol(value)) return NO_TEXT;
  /* Bigints (which JSON.stringify refuses, unless a toJSON says otherwise), a
     Proxy (whose every look runs a trap), functions (which a toJSON may give
     text) and anything but arrays and plain objects go to JSON.stringify, whole. */
  if (!JS_IsObject(value) || depth >= CODEC_MAX_DEPTH || JS_IsProxy(value) || JS_IsFunction(w->ctx, value))
    return NOT_HANDLED;
  int kind = codec_object_kind(w->ctx, value);
  if (kind < 0) return FAILED;
  if (kind != CODEC_ARRAY && kind != CODEC_PLAIN_OBJECT) return NOT_HANDLED;
  /* JSON.stringify would call a toJSON, own or inherited. Looking runs no
     plug-in code here: the object is ordinary and so is its prototype chain. */
  int has_to_json = JS_HasProperty(w->ctx, value, w->atoms->to_json);
  if (has_to_json) return has_to_json < 0 ? FAILED : NOT_HANDLED;
  return kind == CODEC_ARRAY ? write_array(w, value, depth) : write_object(w, value, depth);
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
