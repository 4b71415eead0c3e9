// Mistakes `extism-ts build` catches before a plug-in runs, each named at the
// file:line:column of the user's own source: globals a plug-in lacks, host
// calls while it initializes, the clock and Math.random frozen at build time,
// and codec factories passed uncalled (and the same in the testing kit).
import { mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import { json, string } from "@extism-ts/convert";
import { loadPlugin, mock } from "@extism-ts/testing";
import { describe, expect, it } from "vitest";
import { buildFixture, type CliRun } from "./support/cli.js";
import { jsSdk2 } from "./support/hosts.js";
import { appWasm, testDir } from "./support/paths.js";

/** `file:line:column` of the nth `needle` in `source`, the file as the CLI names it (relative to where it runs, test/). */
function at(build: { entry: string }, source: string, needle: string, nth = 1): string {
  let index = -1;
  for (let i = 0; i < nth; i++) index = source.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`${needle} is not in the source`);
  const before = source.slice(0, index).split("\n");
  return `${relative(testDir, build.entry)}:${before.length}:${before.at(-1)!.length + 1}`;
}

/** `file:line:` of the line holding `needle`: where QuickJS reports a call, its column is the callee's. */
function line(build: { entry: string }, source: string, needle: string): string {
  return `${relative(testDir, build.entry)}:${source.slice(0, source.indexOf(needle)).split("\n").length}:`;
}

const warnings = (run: CliRun): string[] => run.stderr.split("\n").filter((text) => text.startsWith("warning: "));

describe("globals a plug-in does not have", () => {
  const source = `import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";
import { probe } from "dep";

export const title = plugin(null, string, () => document.title);
export const stored = plugin(null, string, () => localStorage.getItem("k") ?? "");
export const location = plugin(null, string, () => String(window.location) + __dirname);
export const legacy = plugin(string, string, (name) => String(require(name)) + new XMLHttpRequest());
export const shared = plugin(null, string, () => String(Atomics.load(new Int32Array(1), 0)));
export const guarded = plugin(null, string, () => (typeof caches === "undefined" ? "none" : String(caches)));
export const bound = plugin(null, string, () => {
  const document = { title: "mine" };
  return document.title + probe();
});
`;

  it("warns at each free use in the plug-in's own code, naming it, and still builds", () => {
    // A dependency's use is its own business: it gets no warning.
    mkdirSync(join(testDir, ".fixtures", "diagnostics-globals", "node_modules", "dep"), { recursive: true });
    const build = buildFixture("diagnostics-globals", source, [], {
      files: { "node_modules/dep/package.json": '{"name":"dep","type":"module","main":"index.js"}', "node_modules/dep/index.js": "export const probe = () => String(document);\n" },
    });
    expect(build.status).toBe(0);
    expect(warnings(build)).toEqual([
      `warning: ${at(build, source, "document.title")}: document does not exist in a plug-in: there is no DOM in a plug-in (docs/web-apis.md lists the web globals there are)`,
      `warning: ${at(build, source, "localStorage")}: localStorage does not exist in a plug-in: a plug-in keeps nothing between calls by itself: use vars (vars.get/vars.set), which the host keeps`,
      `warning: ${at(build, source, "window")}: window does not exist in a plug-in: there is no DOM in a plug-in (docs/web-apis.md lists the web globals there are)`,
      `warning: ${at(build, source, "__dirname")}: __dirname does not exist in a plug-in: a plug-in has no files and no CommonJS loader: import modules, pass data in the input or config`,
      `warning: ${at(build, source, "require")}: require does not exist in a plug-in: a plug-in has no files and no CommonJS loader: import modules, pass data in the input or config`,
      `warning: ${at(build, source, "XMLHttpRequest")}: XMLHttpRequest does not exist in a plug-in: HTTP goes through the host: use fetch or @extism-ts/http`,
      `warning: ${at(build, source, "Atomics")}: Atomics does not exist in a plug-in: a plug-in is one thread without shared memory`,
    ]);
  });
});

describe("host calls while the plug-in initializes", () => {
  const cases = [
    { name: "config", statement: `const user = config.get("user");`, says: "the plug-in read its config (config.get)" },
    { name: "vars", statement: `const count = vars.get("count");`, says: "the plug-in read a var (vars.get)" },
    { name: "log", statement: `info("starting");`, says: "the plug-in logged (console, log, info, ...)" },
    { name: "console", statement: `setUp();`, says: "the plug-in logged (console, log, info, ...)" },
  ];
  it.each(cases)("fail the build at the line of user code that made them ($name)", ({ name, statement, says }) => {
    const source = `import { config, info, plugin, vars } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";

function setUp() {
  console.log("ready");
}

${statement}

export const greet = plugin(string, string, (name) => \`Hello, \${name}!\`);
`;
    const build = buildFixture(`diagnostics-init-${name}`, source);
    expect(build.status).not.toBe(0);
    // The innermost frame of the user's code: setUp's console.log, not the call of setUp.
    const where = line(build, source, name === "console" ? "console.log" : statement);
    expect(build.stderr).toMatch(new RegExp(`${where.replace(/[.]/g, "\\.")}\\d+: error: ${says.replace(/[().]/g, "\\$&")} while it initialized: host calls .* only work inside an exported function`));
  });
});

describe("the clock and Math.random at the top level", () => {
  const source = `import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";

const builtAt = new Date();
const seed = Math.random();
const started = Date.now();
const t0 = performance.now();

export const stamp = plugin(null, string, () => [builtAt.getTime(), seed, started, new Date().getTime(), Math.random(), performance.now() - t0].join(" "));
`;

  it("warn that the value is fixed at build time, where it is read; inside an export is fine", async () => {
    const build = buildFixture("diagnostics-clock", source, ["--wasi"], { env: { SOURCE_DATE_EPOCH: "1700000000" } });
    expect(build.status).toBe(0);
    const fixed = warnings(build);
    expect(fixed).toHaveLength(4);
    expect(fixed[0]).toMatch(new RegExp(`^warning: ${line(build, source, "new Date()").replace(/[.]/g, "\\.")}\\d+: new Date\\(\\) read the clock while the plug-in initialized \\(at build time\\): the value is fixed into the plug-in; read it inside an exported function$`));
    expect(fixed[1]).toMatch(new RegExp(`^warning: ${line(build, source, "Math.random()").replace(/[.]/g, "\\.")}\\d+: Math\\.random\\(\\) ran while the plug-in initialized \\(at build time\\): the value is fixed into the plug-in, the same in every instance`));
    expect(fixed[2]).toMatch(new RegExp(`^warning: ${line(build, source, "Date.now()").replace(/[.]/g, "\\.")}\\d+: Date\\.now\\(\\) read the clock`));
    // One warning for performance.now(), though it reads the monotonic clock and the wall clock.
    expect(fixed[3]).toMatch(new RegExp(`^warning: ${line(build, source, "performance.now()").replace(/[.]/g, "\\.")}\\d+: performance\\.now\\(\\) read the clock`));
    // What the warning says: the top-level values are the build's, the ones read in the export are not.
    const [result] = await jsSdk2.run(build.wasm, [{ function: "stamp", input: "" }], { wasi: true });
    expect(result!.ok).toBe(true);
    const [builtAt, , started, now] = new TextDecoder().decode((result as { output: Uint8Array }).output).split(" ").map(Number);
    expect([builtAt, started]).toEqual([1700000000000, 1700000000000]);
    expect(now).toBeGreaterThan(1700000000000);
  });

  it("say nothing when only the exports read them", () => {
    const build = buildFixture("diagnostics-clock-inside", `import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";

export const stamp = plugin(null, string, () => String(Date.now() + Math.random()));
`);
    expect(build.status).toBe(0);
    expect(build.stderr).toBe("");
  });
});

describe("a codec factory where a codec goes", () => {
  const source = `import { config, input, output, plugin, vars } from "@extism-ts/pdk";
import { json, msgpack, optional, string } from "@extism-ts/convert";

export const settings = plugin(null, string, () => JSON.stringify(config.get("settings", json)));
export const counter = plugin(null, null, () => {
  const count = vars.get("count", msgpack);
  vars.set("count", count, json);
});
export function raw() {
  const request = input(optional);
  output(request, json);
}
`;

  it("fails the build at each, with the message plugin() gives", () => {
    const build = buildFixture("diagnostics-codecs", source);
    expect(build.status).not.toBe(0);
    const errors = build.stderr.split("\n").filter((text) => text.includes(": error: "));
    expect(errors.map((text) => text.replace(/^extism-ts build: /, ""))).toEqual([
      `${at(build, source, "json)")}: error: config.get(): the codec (second argument) is the function json, not a codec: write json()`,
      `${at(build, source, "msgpack)")}: error: vars.get(): the codec (second argument) is the function msgpack, not a codec: write msgpack()`,
      `${at(build, source, "json)", 2)}: error: vars.set(): the codec (third argument) is the function json, not a codec: write json()`,
      `${at(build, source, "optional)")}: error: input(): the codec is the function optional, not a codec: write optional(...)`,
      `${at(build, source, "json)", 3)}: error: output(): the codec (second argument) is the function json, not a codec: write json()`,
    ]);
    // plugin() says the same of its own codecs.
    const pluginBuild = buildFixture("diagnostics-codecs-plugin", `import { plugin } from "@extism-ts/pdk";\nimport { json, string } from "@extism-ts/convert";\nexport const f = plugin(json, string, () => "");\n`);
    expect(pluginBuild.stderr).toContain("plugin(): the input codec (first argument) is the function json, not a codec: write json()");
  });

  it("fails the call with the same message when the build cannot see it (a codec under another name)", async () => {
    const build = buildFixture("diagnostics-codecs-alias", `import { config, plugin } from "@extism-ts/pdk";
import { json, string } from "@extism-ts/convert";

const codec = json;
export const settings = plugin(null, string, () => JSON.stringify(config.get("settings", codec as never)));
`);
    expect(build.status).toBe(0);
    const [result] = await jsSdk2.run(build.wasm, [{ function: "settings", input: "" }], { config: { settings: "{}" } });
    expect(result!.ok).toBe(false);
    expect((result as { error: string }).error).toContain("config.get(): the codec (second argument) is the function json, not a codec: write json()");
  });

  it("fails in the testing kit's mock() and call() with the same message", async () => {
    expect(() => mock(json as never, string, () => "")).toThrow("mock: parameter 1 is the function json, not a codec: write json()");
    expect(() => mock(string, json as never, () => "")).toThrow("mock: its result is the function json, not a codec: write json()");
    const plugin = await loadPlugin(appWasm("greet"));
    try {
      await expect(plugin.call("greet", "Ada", { input: json as never })).rejects.toThrow('call("greet"): the input codec is the function json, not a codec: write json()');
      await expect(plugin.call("greet", "Ada", { output: json as never })).rejects.toThrow('call("greet"): the output codec is the function json, not a codec: write json()');
    } finally {
      await plugin.close();
    }
  });
});
