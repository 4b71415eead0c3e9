import { dump, load } from "js-yaml";

export default function run() {
  const doc = load("a: 1\nb: [x, 'y', \"z\\n\"]\nc:\n  d: 0x1F\n  e: .inf\n  f: 2001-12-14t21:59:43.10-05:00\n");
  return JSON.stringify(doc) + "\n" + dump({ ...doc, nested: { list: [1, { k: "v" }], text: "multi\nline" } }, { sortKeys: true });
}
