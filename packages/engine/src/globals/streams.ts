import { ReadableStream, TransformStream } from "web-streams-polyfill";
import { optional, type ByteStream } from "./optional.js";
import { TextDecoder, TextEncoder } from "./text.js";

// WHATWG Streams from web-streams-polyfill (its ponyfill: nothing is patched).
export {
  ByteLengthQueuingStrategy,
  CountQueuingStrategy,
  ReadableByteStreamController,
  ReadableStream,
  ReadableStreamBYOBReader,
  ReadableStreamBYOBRequest,
  ReadableStreamDefaultController,
  ReadableStreamDefaultReader,
  TransformStream,
  TransformStreamDefaultController,
  WritableStream,
  WritableStreamDefaultController,
  WritableStreamDefaultWriter,
} from "web-streams-polyfill";

// The body of a Request or Response and Blob's stream(): their bytes in one chunk.
optional.byteStream = (bytes) =>
  new ReadableStream<Uint8Array>({
    type: "bytes",
    start(controller) {
      if (bytes.length > 0) controller.enqueue(bytes.slice());
      controller.close();
    },
  }) as unknown as ByteStream;

/** Encoding's TextEncoderStream: strings in, UTF-8 chunks out; a surrogate pair split between chunks is kept whole. */
export class TextEncoderStream {
  readonly #transform: TransformStream<string, Uint8Array>;
  constructor() {
    const encoder = new TextEncoder();
    let pendingHighSurrogate = "";
    this.#transform = new TransformStream<string, Uint8Array>({
      transform(chunk, controller) {
        let text = pendingHighSurrogate + String(chunk);
        pendingHighSurrogate = "";
        const last = text.charCodeAt(text.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) {
          pendingHighSurrogate = text.slice(-1);
          text = text.slice(0, -1);
        }
        if (text.length > 0) controller.enqueue(encoder.encode(text));
      },
      flush(controller) {
        if (pendingHighSurrogate) controller.enqueue(encoder.encode(pendingHighSurrogate));
      },
    });
  }
  get encoding(): string {
    return "utf-8";
  }
  get readable(): ReadableStream<Uint8Array> {
    return this.#transform.readable as unknown as ReadableStream<Uint8Array>;
  }
  get writable(): WritableStream<string> {
    return this.#transform.writable as unknown as WritableStream<string>;
  }
}

/** Encoding's TextDecoderStream: UTF-8 chunks in, strings out (a sequence split between chunks decodes whole). */
export class TextDecoderStream {
  readonly #transform: TransformStream<ArrayBuffer | ArrayBufferView, string>;
  readonly #decoder: TextDecoder;
  constructor(label = "utf-8", options: { fatal?: boolean; ignoreBOM?: boolean } = {}) {
    const decoder = (this.#decoder = new TextDecoder(label, options));
    this.#transform = new TransformStream<ArrayBuffer | ArrayBufferView, string>({
      transform(chunk, controller) {
        const text = decoder.decode(chunk, { stream: true });
        if (text) controller.enqueue(text);
      },
      flush(controller) {
        const text = decoder.decode();
        if (text) controller.enqueue(text);
      },
    });
  }
  get encoding(): string {
    return this.#decoder.encoding;
  }
  get fatal(): boolean {
    return this.#decoder.fatal;
  }
  get ignoreBOM(): boolean {
    return this.#decoder.ignoreBOM;
  }
  get readable(): ReadableStream<string> {
    return this.#transform.readable as unknown as ReadableStream<string>;
  }
  get writable(): WritableStream<ArrayBuffer | ArrayBufferView> {
    return this.#transform.writable as unknown as WritableStream<ArrayBuffer | ArrayBufferView>;
  }
}
