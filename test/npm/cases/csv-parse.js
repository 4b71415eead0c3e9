import { parse } from "csv-parse/sync";

export default function run() {
  return JSON.stringify(parse("id;name;note\n1;ada;\"a;b\"\n2;bob;\n", { columns: true, delimiter: ";", cast: true }));
}
