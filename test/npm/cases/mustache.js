import Mustache from "mustache";

export default function run() {
  return Mustache.render("Hello {{name}}! {{#items}}<{{.}}>{{/items}}{{^none}} none{{/none}} {{{raw}}} {{esc}}", {
    name: "World",
    items: ["a", "b"],
    raw: "<b>",
    esc: "<i>&\"'",
  });
}
