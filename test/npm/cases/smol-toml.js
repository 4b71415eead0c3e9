import { parse, stringify } from "smol-toml";

const text = `title = "TOML"\n[owner]\nname = "Tom"\ndob = 1979-05-27T07:32:00-08:00\n[database]\nports = [ 8000, 8001, 8002 ]\nratio = 0.5\nenabled = true\n[[items]]\nid = 1\n[[items]]\nid = 2\nlabel = """two\nlines"""\n`;

export default function run() {
  const data = parse(text);
  return JSON.stringify(data) + "\n" + stringify(data);
}
