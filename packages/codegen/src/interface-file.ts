import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type * as TypeScript from "typescript";
import type { JsPdkHostFunction } from "@extism-ts/pdk/js-pdk-declare";
import { BuildError } from "./errors.js";

/** What an extism-js interface file (`extism-ts build -i plugin.d.ts`) declares. */
export interface PluginInterface {
  /** The exports of `declare module "main"`, or undefined when the file has no such module. */
  exports: string[] | undefined;
  /** The host functions of the interfaces in `declare module "extism:host"` (and other modules). */
  hostFunctions: JsPdkHostFunction[];
}

type WasmType = JsPdkHostFunction["params"][number];

const WASM_TYPES: Record<string, WasmType> = { i32: "i32", i64: "i64", f32: "f32", f64: "f64" };

/**
 * The import namespace of `interface X` in `declare module "M"`: "M/X", as
 * extism-js names it ("extism:host" + user = "extism:host/user"). A module
 * already named after its interface ("extism:host/user" + user) is taken as is.
 */
export function hostNamespace(moduleName: string, interfaceName: string): string {
  return moduleName.endsWith(`/${interfaceName}`) ? moduleName : `${moduleName}/${interfaceName}`;
}

/**
 * The TypeScript compiler, which only interface files need: the project's
 * (resolved from the interface file), else one installed beside this package,
 * whose optional peer dependency it is.
 */
async function loadTypeScript(path: string): Promise<typeof TypeScript> {
  for (const from of [path, fileURLToPath(import.meta.url)]) {
    let resolved: string;
    try {
      resolved = createRequire(from).resolve("typescript");
    } catch {
      continue;
    }
    return ((await import(pathToFileURL(resolved).href)) as { default: typeof TypeScript }).default;
  }
  throw new BuildError(
    `${relative(process.cwd(), path) || path}: an interface file is read with TypeScript's parser, and the typescript package is not installed: ` +
      "npm install --save-dev typescript",
  );
}

/** Read an extism-js interface file with the TypeScript compiler's parser. */
export async function readInterfaceFile(path: string): Promise<PluginInterface> {
  if (!existsSync(path)) throw new BuildError(`the interface file ${relative(process.cwd(), path) || path} does not exist`);
  const ts = await loadTypeScript(path);
  const program = ts.createProgram([path], { noLib: true, noResolve: true, types: [], allowJs: false });
  const source = program.getSourceFile(path);
  if (!source) throw new BuildError(`cannot read the interface file ${path}`);
  const shown = relative(process.cwd(), path) || path;

  const where = (node: TypeScript.Node): string => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    return `${shown}:${line + 1}:${character + 1}`;
  };
  const fail = (node: TypeScript.Node, message: string): never => {
    throw new BuildError(`${where(node)}: error: ${message}`);
  };

  const syntax = program.getSyntacticDiagnostics(source);
  if (syntax.length > 0) {
    throw new BuildError(
      syntax
        .map((diagnostic) => {
          const { line, character } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
          return `${shown}:${line + 1}:${character + 1}: error: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
        })
        .join("\n"),
    );
  }

  const wasmType = (type: TypeScript.TypeNode | undefined, what: string, allowVoid: boolean): WasmType | null => {
    if (!type || type.kind === ts.SyntaxKind.VoidKeyword || type.kind === ts.SyntaxKind.UndefinedKeyword) {
      if (allowVoid) return null;
      return fail(type ?? source, `${what} needs a type: I32, I64, F32, F64 or PTR`);
    }
    if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
      // Any other name (PTR, a type of your own) is an Extism memory offset, an i64, as in extism-js.
      return WASM_TYPES[type.typeName.text.toLowerCase()] ?? "i64";
    }
    return fail(type, `${what} has type '${type.getText(source)}': use I32, I64, F32, F64 or PTR`);
  };

  let exports: string[] | undefined;
  const hostFunctions: JsPdkHostFunction[] = [];
  const seen = new Map<string, string>();

  for (const statement of source.statements) {
    if (!ts.isModuleDeclaration(statement) || !ts.isStringLiteral(statement.name)) continue;
    const moduleName = statement.name.text;
    const body = statement.body && ts.isModuleBlock(statement.body) ? statement.body.statements : [];

    if (moduleName === "main") {
      exports ??= [];
      for (const item of body) {
        const exported = ts.canHaveModifiers(item) && ts.getModifiers(item)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
        if (!ts.isFunctionDeclaration(item) || !item.name || !exported) {
          fail(item, `declare module "main" lists the plug-in's exports: write each as \`export function name(): I32;\``);
        } else {
          exports.push(item.name.text);
        }
      }
      continue;
    }

    for (const item of body) {
      if (!ts.isInterfaceDeclaration(item)) continue;
      const namespace = hostNamespace(moduleName, item.name.text);
      for (const member of item.members) {
        let params: readonly TypeScript.ParameterDeclaration[];
        let result: TypeScript.TypeNode | undefined;
        if (ts.isMethodSignature(member)) {
          params = member.parameters;
          result = member.type;
        } else if (ts.isPropertySignature(member) && member.type && ts.isFunctionTypeNode(member.type)) {
          params = member.type.parameters;
          result = member.type.type;
        } else {
          fail(member, `interface ${item.name.text} declares host functions: write each as \`name(ptr: I64): I64;\``);
          continue;
        }
        if (!member.name || !(ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))) {
          fail(member, "a host function needs a plain name");
          continue;
        }
        const name = member.name.text;
        const previous = seen.get(name);
        if (previous !== undefined) {
          fail(member, `host function ${name} is declared twice (in ${previous} and ${namespace}): Host.getFunctions() names functions by name only`);
        }
        seen.set(name, namespace);
        hostFunctions.push({
          namespace,
          name,
          params: params.map((param) => wasmType(param.type, `parameter ${param.name.getText(source)} of ${name}`, false)!),
          result: wasmType(result, `the result of ${name}`, true),
        });
      }
    }
  }
  return { exports, hostFunctions };
}
