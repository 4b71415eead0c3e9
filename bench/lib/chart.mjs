// A hand-written SVG bar chart of ratios (extism-ts / AS PDK, or a codec / the bytes pass-through):
// one horizontal bar per metric on a log scale, 1x marked, and a red tick at the target where a
// metric has one.

const esc = (s) => String(s).replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/**
 * @param {{ title: string, bars: { label: string, ratio: number | null, target?: number }[] }} spec
 * @returns {string} an SVG document
 */
export function ratioChart({ title, bars }) {
  const labelWidth = 330;
  const plotWidth = 470;
  const rowHeight = 22;
  const top = 48;
  const width = labelWidth + plotWidth + 90;
  const height = top + bars.length * rowHeight + 40;
  const values = bars.flatMap((b) => [b.ratio, b.target]).filter((v) => typeof v === "number" && v > 0);
  const lo = Math.min(0.1, 10 ** Math.floor(Math.log10(Math.min(...values))));
  const hi = Math.max(10, 10 ** Math.ceil(Math.log10(Math.max(...values))));
  const x = (v) => labelWidth + ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * plotWidth;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`,
    `<text x="10" y="36" fill="#555">ratio extism-ts / AS PDK (codecs: per byte / bytes pass-through), log scale; red tick: target; green: met, orange: missed</text>`,
  ];
  // Decade grid lines.
  for (let d = lo; d <= hi * 1.0001; d *= 10) {
    const gx = x(d).toFixed(1);
    out.push(`<line x1="${gx}" y1="${top - 4}" x2="${gx}" y2="${top + bars.length * rowHeight}" stroke="${Math.abs(d - 1) < 1e-9 ? "#333" : "#ddd"}"/>`);
    out.push(`<text x="${gx}" y="${top + bars.length * rowHeight + 16}" text-anchor="middle" fill="#555">${d >= 1 ? d.toFixed(0) : d}x</text>`);
  }
  bars.forEach((bar, i) => {
    const y = top + i * rowHeight;
    out.push(`<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${esc(bar.label)}</text>`);
    if (typeof bar.ratio !== "number" || !(bar.ratio > 0)) {
      out.push(`<text x="${labelWidth + 4}" y="${y + 15}" fill="#888">n/a</text>`);
      return;
    }
    const x0 = x(Math.max(lo, Math.min(1, bar.ratio)));
    const x1 = x(Math.max(1, Math.min(hi, bar.ratio)));
    const fill = bar.target === undefined ? "#4a78b5" : bar.ratio <= bar.target ? "#3a9a4a" : "#e08a2c";
    out.push(`<rect x="${x0.toFixed(1)}" y="${y + 4}" width="${Math.max(1, x1 - x0).toFixed(1)}" height="${rowHeight - 8}" fill="${fill}"/>`);
    out.push(`<text x="${(Math.max(x1, x0) + 4).toFixed(1)}" y="${y + 15}" fill="#222">${bar.ratio < 10 ? bar.ratio.toFixed(2) : bar.ratio.toFixed(1)}x</text>`);
    if (bar.target !== undefined) {
      const tx = x(bar.target).toFixed(1);
      out.push(`<line x1="${tx}" y1="${y + 1}" x2="${tx}" y2="${y + rowHeight - 1}" stroke="#d22" stroke-width="2"/>`);
    }
  });
  out.push("</svg>", "");
  return out.join("\n");
}
