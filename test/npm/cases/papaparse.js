import Papa from "papaparse";

export default function run() {
  const parsed = Papa.parse('name,age,quote\nada,36,"said ""hi"", then left"\nbob,,plain\n', { header: true, dynamicTyping: true, skipEmptyLines: true });
  return JSON.stringify(parsed.data) + "\n" + Papa.unparse([{ a: 1, b: "x,y" }, { a: 2, b: 'q"q' }]);
}
