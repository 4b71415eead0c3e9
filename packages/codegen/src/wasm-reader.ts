/** A cursor over a wasm binary that reads LEB128 integers, for the few sections the build looks into. */
export class WasmReader {
  position = 0;
  constructor(readonly bytes: Uint8Array) {}

  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.bytes[this.position++]!;
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
    }
  }

  /** Past a length-prefixed byte string (a name, a passive segment's bytes). */
  skipBytes(): void {
    const length = this.u32();
    this.position += length;
  }

  /** Each section's id and payload range, in order; the cursor is left at the payload's start for the caller. */
  *sections(): Generator<{ id: number; start: number; end: number }> {
    this.position = 8;
    while (this.position < this.bytes.length) {
      const id = this.bytes[this.position++]!;
      const size = this.u32();
      const start = this.position;
      yield { id, start, end: start + size };
      this.position = start + size;
    }
  }
}
