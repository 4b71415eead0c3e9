import { createTwoFilesPatch, diffWords, diffLines } from "diff";

export default function run() {
  const a = "one\ntwo\nthree\nfour\n";
  const b = "one\n2\nthree\nfour\nfive\n";
  return JSON.stringify([diffWords("the quick fox", "the slow fox").map((p) => [p.added ?? false, p.removed ?? false, p.value]), diffLines(a, b).length]) + "\n" + createTwoFilesPatch("a.txt", "b.txt", a, b, "old", "new");
}
