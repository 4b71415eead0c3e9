import Handlebars from "handlebars";

Handlebars.registerHelper("upper", (text) => String(text).toUpperCase());
const template = Handlebars.compile("{{#each people}}{{@index}}: {{upper name}}{{#if admin}} (admin){{/if}}\n{{/each}}{{> footer}}");
Handlebars.registerPartial("footer", "-- {{people.length}} people, {{{html}}} {{html}}");

export default function run() {
  return template({ people: [{ name: "ada", admin: true }, { name: "bob" }], html: "<hr>" });
}
