// A markdown page rendered to HTML by markdown-it from npm (pinned in
// bench/package.json): parsing and rendering are the interpreter's work, with
// regular expressions and many small objects, as in a content plug-in.
import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";
import MarkdownIt from "markdown-it";
import { OPTIONS } from "./page.js";

const md = new MarkdownIt(OPTIONS);

export const render_markdown = plugin(string, string, (text) => md.render(text));
