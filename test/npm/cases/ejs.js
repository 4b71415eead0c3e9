import ejs from "ejs";

export default function run() {
  return ejs.render("<ul><% items.forEach(function (item) { %><li><%= item %></li><% }) %></ul><%- raw %>", { items: ["a", "<b>"], raw: "<hr>" });
}
