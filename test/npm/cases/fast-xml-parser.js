import { XMLParser, XMLBuilder } from "fast-xml-parser";

const xml = `<?xml version="1.0"?><catalog><book id="b1" lang="en"><title>XML &amp; You</title><price>29.99</price></book><book id="b2"><title><![CDATA[<raw>]]></title><price>5</price></book></catalog>`;

export default function run() {
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" }).parse(xml);
  return JSON.stringify(parsed) + "\n" + new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@", format: true }).build(parsed);
}
