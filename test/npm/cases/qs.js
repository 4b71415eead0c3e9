import qs from "qs";

export default function run() {
  const parsed = qs.parse("a[b][c]=d&list[]=1&list[]=2&x=%E2%9C%93&empty=&obj[0][k]=v", { allowEmptyArrays: true });
  return JSON.stringify(parsed) + "\n" + qs.stringify({ a: { b: [1, 2], c: "x y" }, d: null, e: "ü&=" }, { arrayFormat: "brackets" });
}
