import { camelCase, chunk, debounce, groupBy, merge, sortBy, template, uniqBy } from "lodash-es";

export default function run() {
  const people = [{ n: "b", a: 2 }, { n: "a", a: 1 }, { n: "c", a: 2 }];
  return JSON.stringify([
    chunk([1, 2, 3, 4, 5], 2),
    groupBy(people, "a"),
    sortBy(people, ["a", "n"]).map((p) => p.n),
    merge({ a: { b: 1 } }, { a: { c: 2 } }),
    uniqBy([2.1, 1.2, 2.3], Math.floor),
    camelCase("--foo-bar baz"),
    template("hi <%= user %>!")({ user: "fred" }),
    typeof debounce,
  ]);
}
