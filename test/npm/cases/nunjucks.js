// nunjucks's browser build fetches templates with XMLHttpRequest and reads `document`; its Node
// entry imports fs for its file loader. A string template uses neither.
import nunjucks from "nunjucks";

export default function run() {
  const env = new nunjucks.Environment(null, { autoescape: true });
  env.addFilter("shout", (text) => `${String(text).toUpperCase()}!`);
  const page = env.renderString(
    "{% macro item(x) %}<li>{{ x | shout }}</li>{% endmacro %}<h1>{{ title | title }}</h1><ul>{% for x in items %}{{ item(x) }}{% endfor %}</ul>{{ html | safe }}{{ total | round(2) }}",
    { title: "fish & chips", items: ["a", "<b>"], html: "<hr>", total: 10 / 3 },
  );
  return page;
}
