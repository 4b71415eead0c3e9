// eta's main entry imports node:fs (for template files); rendering a string never calls it.
import { Eta } from "eta";

export default function run() {
  const eta = new Eta({ autoEscape: true });
  return eta.renderString("<h1><%= it.title %></h1><ul><% it.items.forEach(function (item) { %><li><%= item %></li><% }) %></ul><%~ it.raw %>", {
    title: "Fish & <chips>",
    items: ["a", "<b>", "c"],
    raw: "<hr>",
  });
}
