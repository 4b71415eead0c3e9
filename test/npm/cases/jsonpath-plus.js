import { JSONPath } from "jsonpath-plus";

const store = { store: { book: [{ author: "A", price: 8.95 }, { author: "B", price: 12.99, isbn: "x" }, { author: "C", price: 22.99 }], bicycle: { price: 19.95 } } };

export default function run() {
  return JSON.stringify([JSONPath({ path: "$.store.book[*].author", json: store }), JSONPath({ path: "$..book[?(@.price < 15)].author", json: store }), JSONPath({ path: "$..price", json: store, resultType: "path" })]);
}
