import he from "he";

export default function run() {
  return JSON.stringify([he.encode("foo © bar ≠ baz 𝌆 qux <tag>"), he.decode("&lt;p&gt; &copy; &#x1D306; &amp;amp; &notanentity;"), he.escape("<img src='x'>")]);
}
