import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ linkify: true, typographer: true });

export default function run() {
  return md.render("## Héllo -- \"world\"\n\n1. visit https://example.com/ä?q=1\n2. (c) ... ~~no~~\n\n> quote <b>raw</b>\n");
}
