// The page the markdown workload renders (about 8 KB): headings, paragraphs with
// emphasis, links and typographic quotes, nested lists, a table, code blocks
// and block quotes, repeated over a few sections as in a long README.
export const OPTIONS = { html: true, linkify: true, typographer: true };

const section = (n) => `## ${n}. Configuring the "widget" service

The *widget* service reads its settings from \`widget.toml\` and from the
environment -- whichever was given **last** wins. See https://docs.example/widget/${n}
or the [reference](https://docs.example/reference#section-${n} "Reference") for every key.

1. Install the package:
   - with npm: \`npm install widget@${n}.0.0\`
   - with pnpm (c) ... or yarn
2. Write a configuration file:

   \`\`\`toml
   [server]
   port = ${8000 + n}
   hosts = ["a.example", "b.example"]
   \`\`\`

3. Start it and check the log for \`listening\`.

> **Note:** a <kbd>Ctrl</kbd>+<kbd>C</kbd> stops the service; it finishes the requests
> it has already accepted first. Settings changed while it runs take effect on the next start.

| key | default | meaning |
| --- | :---: | --- |
| \`port\` | ${8000 + n} | the TCP port to listen on |
| \`hosts\` | \`[]\` | names it answers to; empty means any |
| \`timeout\` | 30 s | how long a request may take |

Some text with _nested **strong and \`code\`** emphasis_, an image
![logo](https://img.example/logo-${n}.png) and a hard line break  
right here, then ~~struck~~ text and "quotes" that 'typographer' turns curly.
`;

export const PAGE = `# Widget handbook\n\n${Array.from({ length: 8 }, (_, i) => section(i + 1)).join("\n")}`;
