// Every plug-in that logs carries this module, so it names none of the
// language's optional built-ins (no regular expressions, no `instanceof Date`,
// `RegExp`, `Map` or `Set`): each would bring its engine code (QuickJS's
// RegExp alone is about 50 KB) into plug-ins that never use it. Values of
// those kinds can only exist where the plug-in's own code named them.

const DIRECTIVES = "sdifjoOc%";

function substitute(directive: string, value: unknown): string {
  switch (directive) {
    case "s":
      return typeof value === "string" ? value : inspect(value);
    case "d":
    case "i": {
      if (typeof value === "bigint") return `${value}n`;
      const number = Number(value);
      return String(directive === "i" ? Math.trunc(number) : number);
    }
    case "f":
      return String(Number(value));
    case "j":
      return safeJson(value);
    case "c":
      return "";
    default:
      return inspect(value);
  }
}

/** Turn log arguments into one line the way console does. */
export function formatArguments(args: readonly unknown[]): string {
  const [first, ...rest] = args;
  if (typeof first === "string" && first.includes("%") && rest.length > 0) {
    let next = 0;
    let head = "";
    for (let i = 0; i < first.length; i++) {
      const directive = first[i + 1];
      if (first[i] !== "%" || directive === undefined || !DIRECTIVES.includes(directive)) {
        head += first[i];
        continue;
      }
      i++;
      if (directive === "%") head += "%";
      else if (next >= rest.length) head += `%${directive}`;
      else head += substitute(directive, rest[next++]);
    }
    return [head, ...rest.slice(next).map(show)].join(" ");
  }
  return args.map(show).join(" ");
}

function show(value: unknown): string {
  return typeof value === "string" ? value : inspect(value);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "undefined";
  } catch {
    return "[Circular]";
  }
}

/** An identifier as written in code: ASCII letters, digits, `_` and `$`, not starting with a digit. */
function isIdentifier(key: string): boolean {
  if (key.length === 0) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key[i]!;
    const letter = (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || c === "_" || c === "$";
    if (!letter && !(i > 0 && c >= "0" && c <= "9")) return false;
  }
  return true;
}

/**
 * The built-in kind of an object, `[object Date]` and the like, read without
 * naming its constructor (the build counts a string that is only the name).
 */
const kindOf = (value: object): string => Object.prototype.toString.call(value);

/** A readable rendering of any value, in the spirit of Node's util.inspect. */
export function inspect(value: unknown, depth = 0, seen: unknown[] = []): string {
  switch (typeof value) {
    case "string":
      return depth === 0 ? value : JSON.stringify(value);
    case "bigint":
      return `${value}n`;
    case "symbol":
      return value.toString();
    case "function":
      return `[Function: ${value.name || "(anonymous)"}]`;
    case "undefined":
      return "undefined";
    case "object":
      break;
    default:
      return String(value);
  }
  if (value === null) return "null";
  if (seen.includes(value)) return "[Circular]";
  if (value instanceof Error) return value.stack ? `${value.name}: ${value.message}\n${value.stack}`.trimEnd() : String(value);
  const kind = kindOf(value);
  if (kind === "[object Date]") {
    const date = value as { getTime(): number; toISOString(): string };
    return Number.isNaN(date.getTime()) ? "Invalid Date" : date.toISOString();
  }
  if (kind === "[object RegExp]") return String(value);
  if (depth > 4) return Array.isArray(value) ? "[Array]" : "[Object]";
  const inner = [...seen, value];
  if (Array.isArray(value)) return `[ ${value.map((item) => inspect(item, depth + 1, inner)).join(", ")} ]`.replace("[  ]", "[]");
  if (value instanceof Uint8Array) return `Uint8Array(${value.length}) [ ${Array.from(value.subarray(0, 50)).join(", ")}${value.length > 50 ? ", ..." : ""} ]`;
  if (kind === "[object Map]") {
    const map = value as ReadonlyMap<unknown, unknown>;
    const entries = [...map].map(([k, v]) => `${inspect(k, depth + 1, inner)} => ${inspect(v, depth + 1, inner)}`);
    return `Map(${map.size}) { ${entries.join(", ")} }`;
  }
  if (kind === "[object Set]") {
    const set = value as ReadonlySet<unknown>;
    return `Set(${set.size}) { ${[...set].map((v) => inspect(v, depth + 1, inner)).join(", ")} }`;
  }
  const entries = Object.keys(value).map((key) => {
    const name = isIdentifier(key) ? key : JSON.stringify(key);
    return `${name}: ${inspect((value as Record<string, unknown>)[key], depth + 1, inner)}`;
  });
  const prefix = value.constructor && value.constructor !== Object ? `${value.constructor.name} ` : "";
  return entries.length === 0 ? `${prefix}{}` : `${prefix}{ ${entries.join(", ")} }`;
}
