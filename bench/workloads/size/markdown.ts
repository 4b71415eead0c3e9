// marked + sanitize-html: Markdown in, sanitized HTML out.
import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";
import { marked } from "marked";
import sanitizeHtml from "sanitize-html";

export const render = plugin(string, string, (markdown) => sanitizeHtml(marked.parse(markdown, { async: false })));
