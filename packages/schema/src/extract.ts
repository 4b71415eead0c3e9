import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type * as TypeScript from "typescript";
import {
  INTERFACE_VERSION,
  PRIMITIVE_CODECS,
  SCHEMA_REF_PREFIX,
  type ExportSignature,
  type ImportSignature,
  type PluginInterface,
  type Schema,
  type Value,
  type WasmType,
} from "./model.js";

/** What the build saw the plug-in do when it initialized: the truth the source is read against. */
export interface InitializedPlugin {
  /** The plug-in's exports, in order. */
  exports: readonly string[];
  /** The host functions it declared; params and result as the engine's letters (i, I, f, F, M: a memory block). */
  hostFunctions: ReadonlyArray<{ namespace: string; name: string; params: string; result: string }>;
}

type Ts = typeof TypeScript;

/**
 * TypeScript is needed only here, and only when a build records an
 * interface: loaded on first use, so that a project without it still builds.
 */
async function loadTypeScript(): Promise<Ts | undefined> {
  try {
    return (await import("typescript")).default;
  } catch {
    return undefined;
  }
}

const WASM_OF_LETTER: Record<string, WasmType> = { i: "i32", I: "i64", f: "f32", F: "f64", M: "i64" };
const LETTER_OF_WASM: Record<WasmType, string> = { i32: "i", i64: "I", f32: "f", f64: "F" };
const WASM_SCHEMA: Record<WasmType, Schema> = {
  i32: { type: "integer", format: "int32" },
  i64: { type: "integer", format: "int64" },
  f32: { type: "number", format: "float" },
  f64: { type: "number", format: "double" },
};

/** Typed arrays and buffers are bytes to every codec that takes them. */
const BYTE_TYPES = new Set(["Uint8Array", "ArrayBuffer", "Buffer"]);

/**
 * Read the plug-in's interface from its source with the TypeScript checker:
 * each export's codecs and the types of its values, each host function's
 * signature, and their doc comments. `initialized` (the build's own view of
 * the exports and host functions) decides what exists; the source adds what
 * each one is. Undefined when TypeScript is not installed.
 */
export async function extractInterface(entry: string, initialized: InitializedPlugin, warnings: string[] = []): Promise<PluginInterface | undefined> {
  const ts = await loadTypeScript();
  if (!ts) return undefined;
  const entryPath = resolve(entry);
  const program = ts.createProgram([entryPath], compilerOptions(ts, entryPath));
  const checker = program.getTypeChecker();
  const reader = new Reader(ts, checker);

  const source = program.getSourceFile(entryPath);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  const declared = new Map<string, ExportSignature>();
  if (moduleSymbol) {
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      declared.set(symbol.name, reader.exportSignature(symbol));
    }
  }

  const hostCalls = new Map<string, ImportSignature>();
  const configKeys = new Set<string>();
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile) continue;
    const visit = (node: TypeScript.Node): void => {
      if (ts.isCallExpression(node)) {
        const signature = reader.hostFunction(node);
        if (signature) hostCalls.set(`${signature.namespace}\0${signature.name}`, signature);
        const key = reader.configKey(node);
        if (key !== undefined) configKeys.add(key);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }

  const exports = initialized.exports.map((name) => declared.get(name) ?? { name, raw: true as const });
  const imports = initialized.hostFunctions.map((fn): ImportSignature => {
    const found = hostCalls.get(`${fn.namespace}\0${fn.name}`);
    if (found && letters(found.params) === fn.params && (found.result ? letters([found.result]) : "") === fn.result) return found;
    // Declared where the checker does not see it (an extism-js interface file): the wasm types are all there is.
    return {
      namespace: fn.namespace,
      name: fn.name,
      params: [...fn.params].map((letter) => ({ wasm: WASM_OF_LETTER[letter]!, schema: WASM_SCHEMA[WASM_OF_LETTER[letter]!] })),
      ...(fn.result === "" ? {} : { result: { wasm: WASM_OF_LETTER[fn.result]!, schema: WASM_SCHEMA[WASM_OF_LETTER[fn.result]!] } }),
    };
  });
  for (const where of reader.unresolved) {
    warnings.push(`${where}: its type does not resolve (a name without a declaration, or a package without its .d.ts), so the interface records any value there`);
  }
  return { version: INTERFACE_VERSION, exports, imports, schemas: reader.schemas, ...(configKeys.size ? { config: [...configKeys].sort() } : {}) };
}

function letters(values: Value[]): string {
  return values.map((value) => (value.wasm ? LETTER_OF_WASM[value.wasm] : "M")).join("");
}

/** The project's own options (its tsconfig.json), with null and undefined kept apart so that `T | null` reads as it is. */
function compilerOptions(ts: Ts, entry: string): TypeScript.CompilerOptions {
  const fallback: TypeScript.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  };
  const configPath = ts.findConfigFile(dirname(entry), ts.sys.fileExists);
  let options = fallback;
  if (configPath) {
    const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    if (parsed) options = parsed.options;
  }
  return { ...options, strictNullChecks: true, allowJs: true, noEmit: true, skipLibCheck: true };
}

const packageNames = new Map<string, string | undefined>();

/** The name in the package.json nearest above a file: which package a declaration comes from. */
function packageOf(file: string): string | undefined {
  let dir = dirname(file);
  const visited: string[] = [];
  let name: string | undefined;
  for (;;) {
    if (packageNames.has(dir)) {
      name = packageNames.get(dir);
      break;
    }
    visited.push(dir);
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        name = (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name;
      } catch {
        name = undefined;
      }
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const entry of visited) packageNames.set(entry, name);
  return name;
}

class Reader {
  readonly schemas: Record<string, Schema> = {};
  /** Where a type did not resolve, for the build's warnings. */
  readonly unresolved = new Set<string>();
  /** The value being read, naming it in those warnings. */
  private where = "";
  /** The name each named type got, so that a type met twice is one schema. */
  private readonly names = new Map<TypeScript.Type, string>();

  constructor(
    private readonly ts: Ts,
    private readonly checker: TypeScript.TypeChecker,
  ) {}

  private resolveAlias(symbol: TypeScript.Symbol): TypeScript.Symbol {
    return symbol.flags & this.ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
  }

  /** The name an expression's symbol has in `pkg`, or undefined if it is not from there. */
  private nameIn(pkg: string, expression: TypeScript.Expression): string | undefined {
    const symbol = this.checker.getSymbolAtLocation(expression);
    if (!symbol) return undefined;
    const target = this.resolveAlias(symbol);
    const declaration = target.declarations?.[0];
    if (!declaration || packageOf(declaration.getSourceFile().fileName) !== pkg) return undefined;
    return target.name;
  }

  private description(symbol: TypeScript.Symbol | undefined): string | undefined {
    if (!symbol) return undefined;
    const text = this.ts.displayPartsToString(symbol.getDocumentationComment(this.checker)).trim();
    return text === "" ? undefined : text;
  }

  exportSignature(exported: TypeScript.Symbol): ExportSignature {
    const ts = this.ts;
    const symbol = this.resolveAlias(exported);
    const description = this.description(symbol);
    const base: ExportSignature = { name: exported.name, ...(description ? { description } : {}) };
    const declaration = symbol.valueDeclaration;
    const initializer = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
    const call = initializer && this.pluginCall(skipOuter(ts, initializer), 0);
    if (!call) return { ...base, raw: true };
    const input = this.codecValue(call.arguments[0]!, `export ${exported.name}'s input`);
    const output = this.codecValue(call.arguments[1]!, `export ${exported.name}'s output`);
    return { ...base, ...(input ? { input } : {}), ...(output ? { output } : {}) };
  }

  /**
   * The `plugin(input, output, fn)` call that makes an export: the
   * expression itself, or the one a function of the plug-in's own returns
   * (`const bench_json = bench(json(), ...)`, where bench returns plugin(...)).
   */
  private pluginCall(expression: TypeScript.Expression, depth: number): TypeScript.CallExpression | undefined {
    const ts = this.ts;
    if (!ts.isCallExpression(expression) || depth > 4) return undefined;
    if (this.nameIn("@extism-ts/pdk", expression.expression) === "plugin") return expression.arguments.length >= 2 ? expression : undefined;
    const symbol = this.checker.getSymbolAtLocation(expression.expression);
    const declaration = symbol && this.resolveAlias(symbol).valueDeclaration;
    if (!declaration || declaration.getSourceFile().isDeclarationFile) return undefined;
    const body = ts.isFunctionDeclaration(declaration)
      ? declaration.body
      : ts.isVariableDeclaration(declaration) && declaration.initializer && (ts.isArrowFunction(declaration.initializer) || ts.isFunctionExpression(declaration.initializer))
        ? declaration.initializer.body
        : undefined;
    if (!body) return undefined;
    if (!ts.isBlock(body)) return this.pluginCall(skipOuter(ts, body), depth + 1);
    for (const statement of body.statements) {
      if (ts.isReturnStatement(statement) && statement.expression) return this.pluginCall(skipOuter(ts, statement.expression), depth + 1);
    }
    return undefined;
  }

  /** The key of a `config.get("key")` call (the PDK's config), or undefined for any other call. */
  configKey(call: TypeScript.CallExpression): string | undefined {
    const ts = this.ts;
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "get") return undefined;
    if (this.nameIn("@extism-ts/pdk", callee.expression) !== "config") return undefined;
    const key = call.arguments[0];
    return key && ts.isStringLiteralLike(key) ? key.text : undefined;
  }

  /** A `hostFn("name", { namespace, params, result })` call, or undefined for any other call. */
  hostFunction(call: TypeScript.CallExpression): ImportSignature | undefined {
    const ts = this.ts;
    if (this.nameIn("@extism-ts/host-fn", call.expression) !== "hostFn") return undefined;
    const [nameArgument, signature] = call.arguments;
    if (!nameArgument || !ts.isStringLiteralLike(nameArgument)) return undefined;
    let namespace = "extism:host/user";
    let params: Value[] = [];
    let result: Value | undefined;
    const fnType = this.checker.getTypeAtLocation(call).getCallSignatures()[0];
    const paramSymbols = fnType?.getParameters() ?? [];
    if (signature && ts.isObjectLiteralExpression(signature)) {
      for (const property of signature.properties) {
        if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) continue;
        const value = skipOuter(ts, property.initializer);
        if (property.name.text === "namespace" && ts.isStringLiteralLike(value)) namespace = value.text;
        if (property.name.text === "params" && ts.isArrayLiteralExpression(value)) {
          params = value.elements.map((element, position) => {
            const kind = this.hostValue(element, `host function ${nameArgument.text}'s parameter ${position + 1}`) ?? {};
            // Named where hostFn<F> gives a function type; the other overload's function takes `...args`.
            const parameter = paramSymbols[position];
            const declared = parameter?.valueDeclaration;
            const rest = declared && ts.isParameter(declared) && declared.dotDotDotToken !== undefined;
            return parameter && !rest ? { ...kind, name: parameter.name } : kind;
          });
        }
        if (property.name.text === "result" && value.kind !== ts.SyntaxKind.NullKeyword) result = this.hostValue(value, `host function ${nameArgument.text}'s result`);
      }
    }
    const declaration = ts.isVariableDeclaration(call.parent) ? call.parent : undefined;
    const description = declaration ? this.description(this.checker.getSymbolAtLocation(declaration.name)) : undefined;
    return { namespace, name: nameArgument.text, ...(description ? { description } : {}), params, ...(result ? { result } : {}) };
  }

  private hostValue(expression: TypeScript.Expression, where: string): Value | undefined {
    const value = skipOuter(this.ts, expression);
    if (this.ts.isStringLiteralLike(value) && value.text in WASM_SCHEMA) {
      const wasm = value.text as WasmType;
      return { wasm, schema: WASM_SCHEMA[wasm] };
    }
    // The expression as written: \`string as Codec<Fruit>\` says the type that \`string\` alone does not.
    return this.codecValue(expression, where);
  }

  /** A codec argument: which codec, and the type of its values. Undefined for null (no value). */
  private codecValue(expression: TypeScript.Expression, where: string): Value | undefined {
    this.where = where;
    const value = skipOuter(this.ts, expression);
    if (value.kind === this.ts.SyntaxKind.NullKeyword) return undefined;
    const codec = this.codecName(value, 0) ?? "custom";
    if (codec === "unit") return { codec };
    if (codec === "string") {
      // Text typed as a union of string literals (`string as Codec<Fruit>`) is that enum.
      const type = this.codecValueType(expression);
      if (type && !(type.flags & this.ts.TypeFlags.String)) return { codec, schema: this.schema(type) };
    }
    const primitive = PRIMITIVE_CODECS[codec];
    if (primitive) return { codec, schema: primitive };
    const type = this.codecValueType(expression);
    if (codec.startsWith("optional(")) {
      const inner = PRIMITIVE_CODECS[codec.slice("optional(".length, -1)];
      return { codec, schema: { ...(inner ?? (type ? this.schema(this.checker.getNonNullableType(type)) : {})), nullable: true } };
    }
    if (codec === "json" || codec === "msgpack") return { codec, schema: type ? this.schema(type) : {} };
    // A codec of the plug-in's own: the host sees its bytes.
    return { codec, schema: { type: "buffer" } };
  }

  /** T of the Codec<T> an expression evaluates to: what its decode returns. */
  private codecValueType(expression: TypeScript.Expression): TypeScript.Type | undefined {
    const codecType = this.checker.getTypeAtLocation(expression);
    const decode = codecType.getProperty("decode");
    if (!decode) return undefined;
    return this.checker.getTypeOfSymbolAtLocation(decode, expression).getCallSignatures()[0]?.getReturnType();
  }

  /** "string", "json", "optional(i32)", a custom codec's own name; undefined when the source does not say. */
  private codecName(expression: TypeScript.Expression, depth: number): string | undefined {
    const ts = this.ts;
    if (depth > 8) return undefined;
    const value = skipOuter(ts, expression);
    if (ts.isCallExpression(value)) {
      const callee = this.nameIn("@extism-ts/convert", value.expression);
      if (callee === "optional") {
        const inner = value.arguments[0] && this.codecName(value.arguments[0], depth + 1);
        return inner === undefined ? undefined : `optional(${inner})`;
      }
      if (callee === "codec") {
        const name = value.arguments[0];
        return name && ts.isStringLiteralLike(name) ? name.text : undefined;
      }
      if (callee) return callee;
      return undefined;
    }
    if (ts.isIdentifier(value) || ts.isPropertyAccessExpression(value)) {
      const own = this.nameIn("@extism-ts/convert", value);
      if (own) return own;
      // A codec kept in a constant of the plug-in's own: `const report = json<Report>()`.
      const symbol = this.checker.getSymbolAtLocation(value);
      const declaration = symbol && this.resolveAlias(symbol).valueDeclaration;
      if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) return this.codecName(declaration.initializer, depth + 1);
    }
    return undefined;
  }

  /** The JSON Schema of a TypeScript type, named types as references into `schemas`. */
  schema(type: TypeScript.Type): Schema {
    const ts = this.ts;
    const checker = this.checker;
    const flags = type.flags;
    if (flags & ts.TypeFlags.Any && (type as { intrinsicName?: string }).intrinsicName === "error") this.unresolved.add(this.where);
    if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (type.isUnion()) return this.named(type, () => this.union(type));
    if (flags & ts.TypeFlags.StringLiteral) return { type: "string", enum: [(type as TypeScript.StringLiteralType).value] };
    if (flags & ts.TypeFlags.NumberLiteral) return { type: "number", enum: [(type as TypeScript.NumberLiteralType).value] };
    if (flags & ts.TypeFlags.BooleanLiteral) return { type: "boolean" };
    if (flags & ts.TypeFlags.StringLike) return { type: "string" };
    if (flags & ts.TypeFlags.NumberLike) return { type: "number" };
    if (flags & ts.TypeFlags.BooleanLike) return { type: "boolean" };
    if (flags & ts.TypeFlags.BigIntLike) return { type: "integer", format: "int64" };
    if (flags & ts.TypeFlags.Null) return { type: "null" };
    if (!(flags & ts.TypeFlags.Object)) return {};

    const symbolName = type.getSymbol()?.name;
    // JSON.stringify writes a Date as its toISOString(); msgpack as a timestamp, which hosts read as a date too.
    if (symbolName === "Date") return { type: "string", format: "date-time" };
    if (symbolName && BYTE_TYPES.has(symbolName)) return { type: "buffer" };
    if (checker.isArrayType(type) || checker.isTupleType(type)) {
      const elements = checker.getTypeArguments(type as TypeScript.TypeReference);
      if (checker.isArrayType(type)) return { type: "array", items: elements[0] ? this.schema(elements[0]) : {} };
      return { type: "array", items: elements.length === 0 ? {} : this.union(elements) };
    }
    return this.named(type, () => this.objectSchema(type));
  }

  /** A named type (interface, enum, type alias) once in `schemas` and a reference to it; any other written out here. */
  private named(type: TypeScript.Type, build: () => Schema): Schema {
    const name = this.nameOf(type);
    if (name === undefined) return build();
    let known = this.names.get(type);
    if (known === undefined) {
      known = this.freeName(name);
      this.names.set(type, known);
      // Placed before its members are read, so that a type that contains itself refers to it.
      this.schemas[known] = {};
      const description = this.description(type.aliasSymbol ?? type.getSymbol());
      this.schemas[known] = { ...(description ? { description } : {}), ...build() };
    }
    return { $ref: `${SCHEMA_REF_PREFIX}${known}` };
  }

  /** An interface's, enum's or type alias's name; undefined for an anonymous or generic type, which is written out where it is used. */
  private nameOf(type: TypeScript.Type): string | undefined {
    const ts = this.ts;
    if (type.aliasSymbol) return type.aliasTypeArguments?.length ? undefined : type.aliasSymbol.name;
    const symbol = type.getSymbol();
    if (!symbol || !(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class | ts.SymbolFlags.Enum))) return undefined;
    if ((type as TypeScript.TypeReference).typeArguments?.length) return undefined;
    return symbol.name;
  }

  private freeName(name: string): string {
    if (!(name in this.schemas)) return name;
    let n = 2;
    while (`${name}${n}` in this.schemas) n++;
    return `${name}${n}`;
  }

  private objectSchema(type: TypeScript.Type): Schema {
    const ts = this.ts;
    const checker = this.checker;
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const property of checker.getPropertiesOfType(type)) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      const propertyType = declaration ? checker.getTypeOfSymbolAtLocation(property, declaration) : checker.getTypeOfSymbol(property);
      // Methods and function values have no encoding: JSON and msgpack leave them out.
      if (checker.getNonNullableType(propertyType).getCallSignatures().length > 0) continue;
      const optional = (property.flags & ts.SymbolFlags.Optional) !== 0 || (propertyType.flags & ts.TypeFlags.Undefined) !== 0 || (propertyType.isUnion() && propertyType.types.some((part) => part.flags & ts.TypeFlags.Undefined));
      const schema = this.schema(propertyType);
      const text = this.description(property);
      properties[property.name] = text ? { ...schema, description: text } : schema;
      if (!optional) required.push(property.name);
    }
    const index = checker.getIndexInfosOfType(type).find((info) => info.keyType.flags & ts.TypeFlags.String);
    const schema: Schema = { type: "object" };
    if (Object.keys(properties).length > 0 || !index) schema.properties = properties;
    if (required.length > 0) schema.required = required;
    if (index) schema.additionalProperties = this.schema(index.type);
    return schema;
  }

  private union(union: TypeScript.UnionType | readonly TypeScript.Type[]): Schema {
    const ts = this.ts;
    const all = Array.isArray(union) ? union : (union as TypeScript.UnionType).types;
    const nullable = all.some((part) => part.flags & ts.TypeFlags.Null);
    let parts = all.filter((part) => !(part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    // `boolean` is `true | false` to the checker.
    const booleans = parts.filter((part) => part.flags & ts.TypeFlags.BooleanLiteral);
    const withNull = (schema: Schema): Schema => (nullable ? { ...schema, nullable: true } : schema);
    if (parts.length === 0) return nullable ? { type: "null" } : {};
    if (parts.every((part) => part.flags & ts.TypeFlags.StringLiteral)) {
      return withNull({ type: "string", enum: parts.map((part) => (part as TypeScript.StringLiteralType).value) });
    }
    if (parts.every((part) => part.flags & ts.TypeFlags.NumberLiteral)) {
      return withNull({ type: "number", enum: parts.map((part) => (part as TypeScript.NumberLiteralType).value) });
    }
    if (booleans.length === 2) parts = [...parts.filter((part) => !(part.flags & ts.TypeFlags.BooleanLiteral)), booleans[0]!];
    const schemas = parts.map((part) => this.schema(part));
    if (schemas.length === 1) return withNull(schemas[0]!);
    const unique = schemas.filter((schema, i) => schemas.findIndex((other) => JSON.stringify(other) === JSON.stringify(schema)) === i);
    return withNull(unique.length === 1 ? unique[0]! : { anyOf: unique });
  }
}

/** Through parentheses, `as`, `satisfies` and `!`: the expression that gives the value. */
function skipOuter(ts: Ts, expression: TypeScript.Expression): TypeScript.Expression {
  let value = expression;
  while (ts.isParenthesizedExpression(value) || ts.isAsExpression(value) || ts.isSatisfiesExpression(value) || ts.isNonNullExpression(value)) {
    value = value.expression;
  }
  return value;
}
