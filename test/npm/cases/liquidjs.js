// liquidjs's browser build resolves template files with `document`; its Node build reads them with fs.
// A string template needs neither.
import { Liquid } from "liquidjs";

export default async function run() {
  const engine = new Liquid({ strictFilters: true });
  engine.registerFilter("shout", (text) => `${String(text).toUpperCase()}!`);
  const template = "{% assign total = 0 %}<h1>{{ title | capitalize }}</h1><ul>{% for item in items %}{% assign total = total | plus: item.price %}<li>{{ item.name | escape | shout }}: {{ item.price | times: 1.1 | round: 2 }}</li>{% endfor %}</ul>Total {{ total }}; {{ \"2024-03-01\" | date: \"%b %d, %Y\" }}; {{ tags | join: \", \" }}";
  return engine.parseAndRender(template, {
    title: "fish & chips",
    items: [
      { name: "<cod>", price: 7.5 },
      { name: "chips", price: 2.25 },
    ],
    tags: ["hot", "salty"],
  });
}
