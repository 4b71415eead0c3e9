import xml2js from "xml2js";

export default function run() {
  let result;
  xml2js.parseString("<root a='1'><item>x</item><item>y</item><empty/></root>", { async: false }, (error, parsed) => {
    result = error ? `error: ${error.message}` : parsed;
  });
  return JSON.stringify(result) + "\n" + new xml2js.Builder({ headless: true }).buildObject({ root: { $: { id: "r" }, child: ["a", "b"] } });
}
