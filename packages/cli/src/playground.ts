import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { basename, dirname, extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { CliError } from "./errors.js";

/**
 * `extism-ts playground [plugin.wasm] [--port N]`: serve the playground page
 * (apps/playground, built by Vite and copied into this package's
 * dist/playground by its build) on 127.0.0.1, with the given plug-in at
 * ./plugin.wasm for the page to load.
 */

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

const HEADERS: Record<string, string> = {
  // Cross-origin isolation: lets @extism/extism run plug-ins in a worker (timeouts).
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
  // The page itself loads nothing from anywhere else: it works offline. (connect-src stays
  // open: a plug-in's HTTP requests go where its allowed hosts say.) 'unsafe-eval' is for the
  // host function bodies typed into the page; the SDK starts its worker from a data: URL.
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; worker-src 'self' data: blob:; " +
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src * data: blob:; " +
    "object-src 'none'; base-uri 'none'; form-action 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-cache",
};

/** Where the built page is: next to this module in the published package, else the workspace app. */
export function findPlaygroundRoot(): string {
  const candidates = [fileURLToPath(new URL("./playground/", import.meta.url))];
  try {
    const app = createRequire(import.meta.url).resolve("@extism-ts-apps/playground/package.json");
    candidates.push(join(dirname(app), "dist"));
  } catch {
    // not in the workspace: only the copy inside this package counts
  }
  const found = candidates.find((candidate) => existsSync(join(candidate, "index.html")));
  if (!found) {
    throw new CliError(
      "the playground page is not built; build it with `pnpm turbo run build --filter=@extism-ts/cli` " +
        `(looked in ${candidates.join(", ")})`,
    );
  }
  return found;
}

export interface PlaygroundOptions {
  /** A plug-in the page loads on start, read from disk on every request (rebuilds show on reload). */
  plugin?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built page; found with findPlaygroundRoot() when not given. */
  root?: string;
}

export interface Playground {
  url: string;
  server: Server;
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, body: string | Uint8Array, type: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, { ...HEADERS, "Content-Type": type, "Content-Length": String(Buffer.byteLength(body)), ...extra });
  response.end(response.req.method === "HEAD" ? undefined : body);
}

async function handle(root: string, plugin: string | undefined, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== "GET" && request.method !== "HEAD") {
    return send(response, 405, "method not allowed\n", MIME[".txt"]!, { Allow: "GET, HEAD" });
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
  } catch {
    return send(response, 400, "bad request\n", MIME[".txt"]!);
  }
  if (pathname === "/plugin.wasm") {
    if (!plugin) return send(response, 404, "no plug-in was given to `extism-ts playground`\n", MIME[".txt"]!);
    let bytes: Buffer;
    try {
      bytes = await readFile(plugin);
    } catch (error) {
      return send(response, 404, `cannot read ${plugin}: ${(error as Error).message}\n`, MIME[".txt"]!);
    }
    const shown = relative(process.cwd(), plugin);
    return send(response, 200, bytes, MIME[".wasm"]!, {
      "X-Plugin-Name": encodeURIComponent(shown.startsWith("..") || shown === "" ? basename(plugin) : shown),
      "Cache-Control": "no-store",
    });
  }
  const file = resolve(root, `.${pathname.endsWith("/") ? `${pathname}index.html` : pathname}`);
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) {
    return send(response, 403, "forbidden\n", MIME[".txt"]!);
  }
  try {
    if (!(await stat(file)).isFile()) throw new Error("not a file");
    const body = await readFile(file);
    return send(response, 200, body, MIME[extname(file)] ?? "application/octet-stream");
  } catch {
    return send(response, 404, `not found: ${pathname}\n`, MIME[".txt"]!);
  }
}

/** Start the server on 127.0.0.1. */
export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const root = resolve(options.root ?? findPlaygroundRoot());
  const plugin = options.plugin === undefined ? undefined : resolve(options.plugin);
  if (plugin !== undefined) {
    const info = await stat(plugin).catch(() => undefined);
    if (!info?.isFile()) throw new CliError(`cannot read ${options.plugin}: no such file`);
  }
  const server = createServer((request, response) => {
    handle(root, plugin, request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, `${(error as Error).message}\n`, MIME[".txt"]!);
      else response.destroy();
    });
  });
  await new Promise<void>((done, fail) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      fail(error.code === "EADDRINUSE" ? new CliError(`port ${options.port} is in use; pick another with --port N (0 = any free port)`) : error),
    );
    server.listen(options.port ?? 0, "127.0.0.1", () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    server,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** `--port`: 0 to 65535, 0 for any free port. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || value.trim() === "") {
    throw new CliError(`--port takes a port number from 0 to 65535 (0 = any free port), not '${value}'`);
  }
  return port;
}

/** The `playground` command: serve until Ctrl+C (SIGINT) or SIGTERM. */
export async function playground(plugin: string | undefined, port: number | undefined): Promise<void> {
  const server = await startPlayground({
    ...(plugin === undefined ? {} : { plugin }),
    ...(port === undefined ? {} : { port }),
  });
  const shown = plugin === undefined ? "" : ` with ${relative(process.cwd(), resolve(plugin)) || plugin}`;
  console.log(`playground${shown}: ${server.url}`);
  console.log("press Ctrl+C to stop");
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void server.close().then(done);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
