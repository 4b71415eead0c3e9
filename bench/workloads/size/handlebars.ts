// handlebars: render a template over the JSON input (the template is compiled on the first call).
import { plugin } from "@extism-ts/pdk";
import { json, string } from "@extism-ts/convert";
import Handlebars from "handlebars";

const page = Handlebars.compile("<h1>{{title}}</h1><ul>{{#each items}}<li>{{name}}: {{price}}</li>{{/each}}</ul>");

export const render = plugin(json<{ title: string; items: Array<{ name: string; price: number }> }>(), string, (context) => page(context));
