import { marked } from "marked";

const source = "# Title\n\nSome *emphasis*, **strong** and `code`.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```js\nconst x = 1 < 2;\n```\n\n[link](https://example.com \"t\")\n";

export default function run() {
  return marked.parse(source, { async: false, gfm: true });
}
