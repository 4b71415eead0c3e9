/** The files `extism-ts init` writes, by path in the new project. */

export interface TemplateVersions {
  /** Version ranges of the @extism-ts packages: the ones this CLI was released with. */
  pdk: string;
  convert: string;
  hostFn: string;
  http: string;
  cli: string;
  testing: string;
  /** The platform's types, for the plug-in's tsconfig. */
  types: string;
  /** Exact versions of the third-party tools. */
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
      // Type errors first: the build does not type-check, and a plug-in fails at run time on what tsc would have said.
      test: "npm run typecheck --silent && vitest run",
      typecheck: "tsc -p . && tsc -p test",
    },
    "extism-ts": {
      entry: "src/index.ts",
      output: "dist/plugin.wasm",
    },
    dependencies: {
      "@extism-ts/convert": versions.convert,
      "@extism-ts/host-fn": versions.hostFn,
      "@extism-ts/http": versions.http,
      "@extism-ts/pdk": versions.pdk,
    },
    devDependencies: {
      "@extism-ts/cli": versions.cli,
      "@extism-ts/testing": versions.testing,
      "@extism-ts/types": versions.types,
      "@types/node": versions.typesNode,
      typescript: versions.typescript,
      vitest: versions.vitest,
    },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * The plug-in's own code runs inside WebAssembly: @extism-ts/types declares
 * what it has (the language, the engine's web globals, the Node modules that
 * work) and leaves out the default library, so no "lib": one with "DOM"
 * would declare document and window again.
 */
export const tsconfig = `${JSON.stringify(
  {
    compilerOptions: {
      target: "ES2024",
      module: "ESNext",
      moduleResolution: "Bundler",
      types: ["@extism-ts/types"],
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
    compilerOptions: { lib: ["ES2023"], types: ["node"] },
    include: ["."],
  },
  null,
  2,
)}\n`;

export const indexTs = `import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";
import { hostFn } from "@extism-ts/host-fn";
import { request } from "@extism-ts/http";

/** A host calls \`greet\` with a name and gets a greeting back. */
export const greet = plugin(string, string, (name) => \`Hello, \${name}!\`);

/** A function the host application provides (the tests give it a mock). */
const display_name = hostFn<(id: string) => string>("display_name", { params: [string], result: string });

/** Greets a user by the name the host knows them by. */
export const greet_user = plugin(string, string, (id) => \`Hello, \${display_name(id)}!\`);

/** Reads a JSON document over HTTP (the host must allow its host name) and returns its title. */
export const title = plugin(string, string, (url) => {
  const response = request(url);
  if (response.status !== 200) throw new Error(\`\${url}: HTTP \${response.status}\`);
  return response.json<{ title: string }>().title;
});
`;

export const pluginTest = `import { execSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { string } from "@extism-ts/convert";
import { CallError, loadPlugin, mock, type LoadOptions, type Plugin } from "@extism-ts/testing";
import { afterEach, beforeAll, describe, expect, it } from "vitest";

const projectDir = fileURLToPath(new URL("..", import.meta.url));
const wasm = new URL("../dist/plugin.wasm", import.meta.url);

// Build first, as \`npm run build\` does, so that the tests always call the current code.
beforeAll(() => {
  execSync("npm run build --silent", { cwd: projectDir, stdio: "inherit" });
}, 120_000);

let loaded: Plugin[] = [];
afterEach(async () => {
  await Promise.all(loaded.map((plugin) => plugin.close()));
  loaded = [];
});

/** A fresh instance of the plug-in for each test, with a mock of the host function it imports. */
async function load(options: LoadOptions = {}) {
  const display_name = mock(string, string, (id) => (id === "42" ? "Ada" : "stranger"));
  const plugin = await loadPlugin(wasm, { hostFunctions: { "extism:host/user": { display_name } }, ...options });
  loaded.push(plugin);
  return { plugin, display_name };
}

describe("greet", () => {
  it("greets by name", async () => {
    const { plugin } = await load();
    expect(await plugin.call("greet", "Benjamin", { output: string })).toBe("Hello, Benjamin!");
  });

  it("keeps any text", async () => {
    const { plugin } = await load();
    expect(await plugin.call("greet", "Zoë 🌍", { output: string })).toBe("Hello, Zoë 🌍!");
  });
});

describe("greet_user", () => {
  it("asks the host for the user's name", async () => {
    const { plugin, display_name } = await load();
    expect(await plugin.call("greet_user", "42", { output: string })).toBe("Hello, Ada!");
    expect(display_name.calls).toEqual([["42"]]);
  });
});

describe("title", () => {
  const url = "https://api.example.com/articles/7";

  it("returns the title of the document the server sends", async () => {
    const { plugin } = await load({
      http: { "GET https://api.example.com/articles/:id": (request) => ({ json: { id: request.params.id, title: "Plug-ins" } }) },
    });
    expect(await plugin.call("title", url, { output: string })).toBe("Plug-ins");
    expect(plugin.requests.map((request) => request.url)).toEqual([url]);
  });

  it("fails with the status when the server says no", async () => {
    const { plugin } = await load({ http: { "GET https://api.example.com/*": { status: 404 } } });
    const error = await plugin.call("title", url).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(CallError);
    expect((error as CallError).message).toContain(\`\${url}: HTTP 404\`);
  });
});
`;

export const gitignore = `node_modules/
dist/
`;

export function readme(name: string): string {
  return `# ${name}

An [Extism](https://extism.org) plug-in written in TypeScript with extism-ts
(the \`@extism-ts/pdk\` and \`@extism-ts/convert\` packages, built by \`@extism-ts/cli\`,
tested with \`@extism-ts/testing\`).

\`\`\`sh
npm install
npm run build                                          # src/index.ts -> dist/plugin.wasm
npx extism-ts call dist/plugin.wasm greet --input Benjamin   # Hello, Benjamin!
npm test                                               # type-checks, builds, then tests it with @extism-ts/testing
\`\`\`

- \`src/index.ts\` is the plug-in: every function it exports is a function a host can call.
- \`test/plugin.test.ts\` loads the built plug-in in the Extism JS SDK with
  \`@extism-ts/testing\` and calls it, with a mock of the host function \`display_name\` and
  mocked HTTP responses.
- \`greet_user\` needs the host function \`display_name\`: your host application provides it.
  \`extism-ts call\` does not, so calling \`greet_user\` there fails with a message that says so.
- Build options live in the \`"extism-ts"\` field of \`package.json\` (\`entry\`, \`output\`,
  \`wasi\`, \`eval\`, \`interface\`); flags given to \`extism-ts build\` override them.
  \`npx extism-ts build --watch\` rebuilds on every change, \`--report\` lists the largest
  modules in the bundle.
`;
}
