import { spawn } from "node:child_process";
import { join } from "node:path";
import { testDir } from "./paths.js";

export interface TestServer {
  /** e.g. http://127.0.0.1:41234 */
  base: string;
  stop(): void;
}

/** Start test/support/http-server.mjs in a process of its own (see there for its routes). */
export async function startHttpServer(): Promise<TestServer> {
  const server = spawn(process.execPath, [join(testDir, "support/http-server.mjs")]);
  const port = await new Promise<string>((resolve, reject) => {
    server.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
    server.once("error", reject);
  });
  return { base: `http://127.0.0.1:${port}`, stop: () => server.kill("SIGTERM") };
}
