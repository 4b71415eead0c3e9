import { existsSync, watch, type FSWatcher } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { CliError } from "./errors.js";

export interface WatchOptions {
  /** Wait this long after the last change before rebuilding. */
  debounceMs?: number;
  /** Where messages go. */
  log?: (line: string) => void;
  error?: (line: string) => void;
}

/**
 * Run `build`, then again whenever one of the files it reports changes, until
 * the process is interrupted. `build` resolves to the files to watch next; a
 * build that fails is reported and the files watched before stay watched (or,
 * after a first build that fails, `fallbackDir` recursively).
 */
export async function watchBuilds(build: () => Promise<string[]>, fallbackDir: string, options: WatchOptions = {}): Promise<void> {
  const debounceMs = options.debounceMs ?? 100;
  const log = options.log ?? ((line) => console.log(line));
  const error = options.error ?? ((line) => console.error(line));
  let watchers: FSWatcher[] = [];
  let watched = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;

  const unwatch = (): void => {
    for (const watcher of watchers) watcher.close();
    watchers = [];
  };

  const watchFiles = (files: string[]): void => {
    unwatch();
    watched = new Set(files.map((file) => resolve(file)).filter((file) => existsSync(file)));
    // Watch directories, not files: editors often save by writing a new file and renaming it over the old one.
    const dirs = new Set([...watched].map((file) => dirname(file)));
    for (const dir of dirs) {
      const watcher = watch(dir, (_event, name) => {
        if (name === null || watched.has(join(dir, name.toString()))) schedule();
      });
      watcher.on("error", () => {});
      watchers.push(watcher);
    }
  };

  const watchFallback = (): void => {
    unwatch();
    watched = new Set();
    const watcher = watch(fallbackDir, { recursive: true }, (_event, name) => {
      const path = name?.toString() ?? "";
      if (!/(^|[\\/])(node_modules|dist|\.git)([\\/]|$)/.test(path) && !path.endsWith(".wasm")) schedule();
    });
    watcher.on("error", () => {});
    watchers.push(watcher);
  };

  const run = async (): Promise<void> => {
    running = true;
    try {
      const files = await build();
      watchFiles(files);
      log(`watching ${watched.size} file${watched.size === 1 ? "" : "s"} for changes (Ctrl-C to stop)`);
    } catch (failure) {
      if (!(failure instanceof CliError)) error((failure as Error).stack ?? String(failure));
      else error(`extism-ts build: ${failure.message}`);
      if (watchers.length === 0) watchFallback();
      log(`build failed; watching for changes (Ctrl-C to stop)`);
    } finally {
      running = false;
    }
    if (again) {
      again = false;
      await run();
    }
  };

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (running) again = true;
      else void run();
    }, debounceMs);
  }

  await run();
  await new Promise<void>((resolveStop) => {
    const stop = (): void => {
      if (timer) clearTimeout(timer);
      unwatch();
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolveStop();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

