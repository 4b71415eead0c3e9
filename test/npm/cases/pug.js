// pug's entry imports fs for template files (its browser field disables it); compiling a string needs none.
import pug from "pug";

export default function run() {
  const render = pug.compile("ul#list\n  each item in items\n    li(class=item.done ? 'done' : undefined)= item.name\np.total Total: #{items.length} &amp; #{title}\nif empty\n  p nothing\nelse\n  p!= html");
  return render({ items: [{ name: "<one>", done: true }, { name: "two", done: false }], title: "fish & chips", empty: false, html: "<b>raw</b>" });
}
