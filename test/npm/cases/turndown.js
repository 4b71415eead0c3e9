// turndown (HTML to Markdown): its browser build parses with the page's DOM
// (document.implementation), so the build takes its Node build, which parses
// with @mixmark-io/domino.
import TurndownService from "turndown";

const HTML = `<h1>Release notes</h1>
<p>Some <em>emphasis</em>, <strong>bold</strong> and a <a href="https://example.com/docs?a=1&amp;b=2" title="Docs">link</a>.</p>
<ul><li>one</li><li>two with <code>inline()</code></li><li><p>three</p><ol><li>nested</li></ol></li></ul>
<pre><code class="language-js">const answer = 42;
console.log(answer);
</code></pre>
<blockquote><p>Quoted <br>lines</p></blockquote>
<p><del>gone</del> <img src="/a.png" alt="An image"> &lt;escaped&gt; * star _under_</p>
<hr><h2>Second</h2><table><tr><td>cell</td></tr></table>`;

export default function run() {
  const atx = new TurndownService({ headingStyle: "atx", codeBlockStyle: "fenced", bulletListMarker: "-", emDelimiter: "*" });
  atx.addRule("strikethrough", { filter: ["del", "s"], replacement: (content) => `~~${content}~~` });
  atx.keep(["table"]);
  const setext = new TurndownService({ linkStyle: "referenced", linkReferenceStyle: "full" });
  setext.remove("img");
  return [atx.turndown(HTML), setext.turndown(HTML), atx.escape("*not* _emphasis_ # 1. list + [x]")].join("\n---\n");
}
