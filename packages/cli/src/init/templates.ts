/** The files `extism-ts init` writes, by path in the new project. */

export interface TemplateVersions {
  /** Version ranges of the @extism-ts packages: the ones this CLI was released with. */
  pdk: string;
  convert: string;
  cli: string;
  /** Exact versions of the third-party tools. */
  extism: string;
  typescript: string;
  vitest: string;
  typesNode: string;
}

export function packageJson(name: string, versions: TemplateVersions): string {
  const manifest = {
    name,
    version: "0.1.0",
    private: true,
    type: "module",
    engines: { node: ">=20" },
    scripts: {
      build: "extism-ts build",
      test: "vitest run",
      typecheck: "tsc -p . && tsc -p test",
    },
    "extism-ts": {
      entry: "src/index.ts",
      output: "dist/plugin.wasm",
    },
    dependencies: {
      "@extism-ts/convert": versions.convert,
      "@extism-ts/pdk": versions.pdk,
    },
    devDependencies: {
      "@extism-ts/cli": versions.cli,
      "@extism/extism": versions.extism,
      "@types/node": versions.typesNode,
      typescript: versions.typescript,
      vitest: versions.vitest,
    },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The plug-in's own code runs inside WebAssembly: no Node types, the web globals the engine provides. */
export const tsconfig = `${JSON.stringify(
  {
    compilerOptions: {
      target: "ES2020",
      module: "ESNext",
      moduleResolution: "Bundler",
      lib: ["ES2022", "DOM"],
      types: [],
      strict: true,
      isolatedModules: true,
      skipLibCheck: true,
      noEmit: true,
    },
    include: ["src"],
  },
  null,
  2,
)}\n`;

/** The tests run in Node. */
export const testTsconfig = `${JSON.stringify(
  {
    extends: "../tsconfig.json",
    compilerOptions: { lib: ["ES2022"], types: ["node"] },
    include: ["."],
  },
  null,
  2,
)}\n`;

export const indexTs = `import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";

/** A host calls \`greet\` with a name and gets a greeting back. */
export const greet = plugin(string, string, (name) => \`Hello, \${name}!\`);
`;

export const pluginTest = `import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import createPlugin from "@extism/extism";
import { beforeAll, describe, expect, it } from "vitest";

const projectDir = fileURLToPath(new URL("..", import.meta.url));
const wasm = fileURLToPath(new URL("../dist/plugin.wasm", import.meta.url));

// Build first, as \`npm run build\` does, so that the tests always call the current code.
beforeAll(() => {
  execSync("npm run build --silent", { cwd: projectDir, stdio: "inherit" });
}, 120_000);

async function call(name: string, input: string): Promise<string | undefined> {
  const plugin = await createPlugin({ wasm: [{ data: readFileSync(wasm) }] }, { useWasi: false });
  try {
    return (await plugin.call(name, input))?.text();
  } finally {
    await plugin.close();
  }
}

describe("greet", () => {
  it("greets by name", async () => {
    expect(await call("greet", "Benjamin")).toBe("Hello, Benjamin!");
  });

  it("keeps any text", async () => {
    expect(await call("greet", "Zoë 🌍")).toBe("Hello, Zoë 🌍!");
  });
});
`;

export const gitignore = `node_modules/
dist/
`;

export function readme(name: string): string {
  return `# ${name}

An [Extism](https://extism.org) plug-in written in TypeScript with extism-ts
(the \`@extism-ts/pdk\` and \`@extism-ts/convert\` packages, built by \`@extism-ts/cli\`).

\`\`\`sh
npm install
npm run build                                          # src/index.ts -> dist/plugin.wasm
npx extism-ts call dist/plugin.wasm greet --input Benjamin   # Hello, Benjamin!
npm test                                               # builds, then calls it from @extism/extism
\`\`\`

- \`src/index.ts\` is the plug-in: every function it exports is a function a host can call.
- \`test/plugin.test.ts\` loads the built plug-in with the Extism JS SDK and calls it.
- Build options live in the \`"extism-ts"\` field of \`package.json\` (\`entry\`, \`output\`,
  \`wasi\`, \`eval\`, \`interface\`); flags given to \`extism-ts build\` override them.
  \`npx extism-ts build --watch\` rebuilds on every change, \`--report\` lists the largest
  modules in the bundle.
`;
}
