// The bench's realistic workload: an EJS template (template.ts, a few KB)
// rendered over a JSON context with the `ejs` package from npm. `render` uses
// the template compiled once, at build time, into the snapshot; `compile_and_render`
// compiles it on every call, as ejs.render does without a cache.
import { plugin } from "@extism-ts/pdk";
import { json, string } from "@extism-ts/convert";
// ejs's module entry imports node:fs and node:path (for includes from files);
// its self-contained build needs neither.
import ejs from "../../node_modules/ejs/ejs.min.js";
import { helpers, TEMPLATE } from "./template.js";

const render = ejs.compile(TEMPLATE);

export const render_page = plugin(json<Record<string, unknown>>(), string, (data) => render({ ...data, ...helpers }));

export const compile_and_render = plugin(json<Record<string, unknown>>(), string, (data) => ejs.render(TEMPLATE, { ...data, ...helpers }));
