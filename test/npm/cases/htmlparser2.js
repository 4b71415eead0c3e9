import { parseDocument, DomUtils } from "htmlparser2";

export default function run() {
  const dom = parseDocument("<html><body><h1 class=t>Title</h1><p>One <a href='/a'>A</a> &amp; <a href=\"/b\">B</a></p><ul><li>x<li>y</ul></body></html>");
  const links = DomUtils.getElementsByTagName("a", dom).map((a) => [a.attribs.href, DomUtils.textContent(a)]);
  return JSON.stringify({ links, text: DomUtils.textContent(dom), items: DomUtils.getElementsByTagName("li", dom).length });
}
