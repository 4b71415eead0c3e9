import iconv from "iconv-lite";

export default function run() {
  const bytes = iconv.encode("Grüße, Ελλάδα", "win1252");
  return JSON.stringify([Array.from(bytes).join(","), iconv.decode(Uint8Array.from([0xc4, 0xe8, 0xf0]), "koi8-r"), iconv.encodingExists("shift_jis")]);
}
