// qrcode's browser build draws on a canvas (document.createElement) and writes only SVG as text;
// its Node build writes text, SVG and PNG (through pngjs and zlib).
import QRCode from "qrcode";

export default async function run() {
  const text = "https://extism.org/?q=plug-in";
  return JSON.stringify({
    utf8: await QRCode.toString(text, { type: "utf8" }),
    svg: await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "H" }),
    png: await QRCode.toDataURL(text, { margin: 2, scale: 3 }),
    segments: QRCode.create("12345 HELLO").segments.map((segment) => segment.mode.id),
  });
}
