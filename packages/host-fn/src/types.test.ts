import { fileURLToPath } from "node:url";
import ts from "typescript";
import { expect, it } from "vitest";

const fixture = fileURLToPath(new URL("../type-checks/inference.ts", import.meta.url));
const tsconfig = fileURLToPath(new URL("../tsconfig.json", import.meta.url));

// hostFn's types: what it infers from params and result, and what it refuses
// (the fixture's @ts-expect-error lines), compiled with the package's settings.
it("infers the function type from params and result, and checks an explicit one against them", () => {
  const { config } = ts.readConfigFile(tsconfig, (path) => ts.sys.readFile(path));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, fileURLToPath(new URL("..", import.meta.url)));
  const program = ts.createProgram([fixture], { ...options, noEmit: true });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
    return `${where ? `inference.ts:${where.line + 1}: ` : ""}${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
  });
  expect(diagnostics).toEqual([]);
}, 60_000);
