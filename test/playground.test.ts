import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { get as httpGet } from "node:http";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture, runCli } from "./support/cli.js";
import { chromiumPath } from "./support/chromium-setup.js";
import { appWasm, cliBin, repoRoot, testDir } from "./support/paths.js";

/** One plug-in with an export that throws and one that needs a host function. */
const fixtureSource = `import { plugin } from "@extism-ts/pdk";
import { string } from "@extism-ts/convert";
import { hostFn } from "@extism-ts/host-fn";

const shout = hostFn<(text: string) => string>("shout", { params: [string], result: string });

export const fails = plugin(null, null, () => {
  throw new Error("boom");
});
export const loud = plugin(string, string, (text) => shout(text));
`;

/** Chromium offline: no background traffic, and anything not on loopback goes to a dead proxy. */
const chromiumArgs = [
  "--no-sandbox",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-default-apps",
  "--disable-sync",
  "--disable-extensions",
  "--disable-domain-reliability",
  "--disable-client-side-phishing-detection",
  "--disable-breakpad",
  "--no-first-run",
  "--no-pings",
  "--metrics-recording-only",
  "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,CertificateTransparencyComponentUpdater",
  "--proxy-server=http://127.0.0.1:9",
];

/** Start `extism-ts playground <wasm> --port 0` and wait for the URL it prints. */
function startPlayground(wasm: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [cliBin, "playground", wasm, "--port", "0"], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => reject(new Error(`no URL from extism-ts playground in 15 s:\n${stdout}${stderr}`)), 15_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`extism-ts playground exited with ${code}:\n${stdout}${stderr}`));
    });
  });
}

/** The status of a GET for a raw, unnormalized path. */
function rawStatus(base: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpGet({ host: "127.0.0.1", port: new URL(base).port, path }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
  });
}

const logLines = (page: Page): Promise<string[]> =>
  page.locator("#logs li.log").evaluateAll((items) => items.map((item) => (item.textContent ?? "").replace(/\s+/g, " ").trim()));

describe("extism-ts playground", () => {
  let server: ChildProcess | undefined;
  let url = "";
  let browser: Browser | undefined;
  let page: Page;
  let fixture = "";
  /** Requests the page made to anything but the playground's own server. */
  const outside: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const built = buildFixture("playground", fixtureSource);
    expect(built.stderr).toBe("");
    expect(built.status).toBe(0);
    fixture = built.wasm;

    ({ child: server, url } = await startPlayground(appWasm("greet")));
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, deviceScaleFactor: 1 });
    const origin = new URL(url).origin;
    await context.route("**/*", (route) => {
      const requested = route.request().url();
      if (new URL(requested).origin === origin) return route.continue();
      outside.push(requested);
      return route.abort();
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(url);
  });

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((done) => server!.once("exit", done));
      server.kill("SIGTERM");
      await exited;
    }
  });

  it("loads the plug-in given on the command line and lists its exports and imports", async () => {
    await page.locator('#export-list [data-export="greet"]').waitFor();
    await expect(page.locator("#plugin-name").textContent()).resolves.toBe("apps/greet/dist/plugin.wasm");
    const imports = page.locator("#import-list");
    await expect(imports.textContent()).resolves.toContain("extism:host/env");
    await expect(imports.locator('[data-import="extism:host/env input_length"]').textContent()).resolves.toMatch(/input_length\s*\(\) -> i64/);
    await expect(page.locator("#wasi-info").textContent()).resolves.toMatch(/^Not needed/);
    await expect(page.locator("#wasi").isChecked()).resolves.toBe(false);
  });

  it("calls greet and shows its output and the time taken", async () => {
    await page.fill("#input-text", "Benjamin");
    await page.click("#call-button");
    await expect(page.locator("#output").textContent()).resolves.toBe("Hello, Benjamin!");
    const status = await page.locator("#result-status").textContent();
    expect(status).toMatch(/OK/);
    expect(status).toMatch(/return code 0/);
    expect(status).toMatch(/call \d+(\.\d+)? m?s/);

    await page.click('#output-view [data-view="hex"]');
    await expect(page.locator("#output").textContent()).resolves.toContain("48 65 6c 6c 6f 2c 20 42");
    await page.click('#output-view [data-view="text"]');
  });

  it("checks hex and JSON input and says what is wrong", async () => {
    await page.click('#input-mode [data-mode="hex"]');
    await page.fill("#input-text", "42 65 6g");
    await expect(page.locator("#input-status").textContent()).resolves.toMatch(/hex: 'g' .* is not a hex digit/);
    await expect(page.locator("#call-button").isDisabled()).resolves.toBe(true);
    await page.fill("#input-text", "42 6");
    await expect(page.locator("#input-status").textContent()).resolves.toMatch(/odd number of digits/);
    await page.fill("#input-text", "42 65 6e");
    await expect(page.locator("#input-status").textContent()).resolves.toBe("3 bytes");
    await page.click("#call-button");
    await expect(page.locator("#output").textContent()).resolves.toBe("Hello, Ben!");

    await page.click('#input-mode [data-mode="json"]');
    await page.fill("#input-text", '{"name": }');
    await expect(page.locator("#input-status").textContent()).resolves.toBe("JSON: expected a value, found '}' at line 1, column 10");
    await expect(page.locator("#call-button").isDisabled()).resolves.toBe(true);
    await page.click('#input-mode [data-mode="text"]');
    await page.fill("#input-text", "Benjamin");
  });

  it("loads log-stuff from the file picker and shows its logs by level", async () => {
    await page.setInputFiles("#file-input", appWasm("log-stuff"));
    await page.locator('#export-list [data-export="log_stuff"]').waitFor();
    await expect(page.locator("#function-select").inputValue()).resolves.toBe("log_stuff");
    await page.click('#input-mode [data-mode="text"]');
    await page.fill("#input-text", "");
    await page.selectOption("#log-level", "info");
    await page.click("#call-button");
    await page.locator("#logs li.log").first().waitFor();
    await expect(logLines(page)).resolves.toEqual(["INFO Some info!", "WARN A warning!", "ERROR An error!"]);
    await expect(page.locator("#logs li.log-error").textContent()).resolves.toContain("An error!");

    await page.selectOption("#log-level", "error");
    await page.click("#call-button");
    await expect.poll(() => logLines(page)).toEqual(["ERROR An error!"]);
    await page.selectOption("#log-level", "info");
  });

  it("shows the error message and return code of an export that throws", async () => {
    await page.setInputFiles("#file-input", fixture);
    await page.locator('#export-list [data-export="fails"]').waitFor();
    await page.selectOption("#function-select", "fails");
    await page.click("#call-button");
    await page.locator("#error").waitFor();
    await expect(page.locator("#error").textContent()).resolves.toContain("boom");
    await expect(page.locator("#return-code").textContent()).resolves.toBe("return code -1");
    await expect(page.locator("#result-status").textContent()).resolves.toMatch(/Call failed/);
  });

  it("runs the JavaScript bodies given for the plug-in's host functions", async () => {
    const body = page.locator('#host-functions textarea[data-name="shout"]');
    await expect(page.locator("#import-list").textContent()).resolves.toContain("extism:host/user");
    await expect(body.inputValue()).resolves.toContain("return args[0];");
    await page.selectOption("#function-select", "loud");
    await page.fill("#input-text", "hey");
    await page.click("#call-button");
    await expect.poll(() => page.locator("#output").textContent()).toBe("hey");

    await body.fill("return callContext.store(callContext.read(args[0]).text().toUpperCase() + '!');");
    await page.click("#call-button");
    await expect.poll(() => page.locator("#output").textContent()).toBe("HEY!");
  });

  it("keeps a history of calls that restores their inputs", async () => {
    const entries = page.locator("#history button.history-entry");
    await expect(entries.count()).resolves.toBe(7);
    // Newest first: the oldest is greet("Benjamin").
    await entries.last().click();
    await expect(page.locator("#plugin-name").textContent()).resolves.toBe("apps/greet/dist/plugin.wasm");
    await expect(page.locator("#function-select").inputValue()).resolves.toBe("greet");
    await expect(page.locator("#input-text").inputValue()).resolves.toBe("Benjamin");
    await expect(page.locator("#output").textContent()).resolves.toBe("Hello, Benjamin!");

    // The log_stuff call (info level), for the screenshot.
    await entries.nth(4).click();
    await expect(page.locator("#function-select").inputValue()).resolves.toBe("log_stuff");
    await expect(logLines(page)).resolves.toHaveLength(3);

    mkdirSync(join(testDir, "artifacts"), { recursive: true });
    await page.screenshot({ path: join(testDir, "artifacts", "playground.png"), fullPage: true });
  });

  it("serves the page cross-origin isolated, the plug-in, and nothing outside the page's directory", async () => {
    const index = await fetch(url);
    expect(index.status).toBe(200);
    expect(index.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(index.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
    expect(index.headers.get("content-security-policy")).toContain("default-src 'self'");
    const wasm = await fetch(new URL("plugin.wasm", url));
    expect(wasm.headers.get("content-type")).toBe("application/wasm");
    expect(Buffer.from(await wasm.arrayBuffer()).equals(readFileSync(appWasm("greet")))).toBe(true);
    // Sent as they are (fetch would normalize the dots away).
    for (const path of ["/../../package.json", "/%2e%2e/%2e%2e/package.json", "/..%2f..%2fpackage.json", "/nope.js"]) {
      expect(await rawStatus(url, path), path).toBeGreaterThanOrEqual(400);
    }
    expect((await fetch(url, { method: "POST" })).status).toBe(405);
  });

  it("refuses a plug-in that does not exist and a bad port", () => {
    const missing = runCli(["playground", "no-such-plugin.wasm"]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("extism-ts playground: cannot read no-such-plugin.wasm");
    const badPort = runCli(["playground", "--port", "http"]);
    expect(badPort.status).toBe(1);
    expect(badPort.stderr).toContain("--port takes a port number");
  });

  it("fetched nothing from outside its own server and raised no page errors", () => {
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
