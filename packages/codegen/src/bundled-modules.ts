import type { Metafile } from "esbuild";

/** One module's code in esbuild's output, with the input it came from (none for code before the first module). */
export interface BundledModule {
  input: string | undefined;
  code: string;
}

/** esbuild's unminified output, module by module: it heads each module's code with a `// path` line naming its input. */
export function bundledModules(output: string, metafile: Metafile): BundledModule[] {
  const modules: BundledModule[] = [];
  let input: string | undefined;
  let lines: string[] = [];
  for (const line of output.split("\n")) {
    const header = /^\s*\/\/ (.+)$/.exec(line)?.[1];
    if (header !== undefined && header in metafile.inputs) {
      modules.push({ input, code: lines.join("\n") });
      input = header;
      lines = [];
    } else lines.push(line);
  }
  modules.push({ input, code: lines.join("\n") });
  return modules;
}
