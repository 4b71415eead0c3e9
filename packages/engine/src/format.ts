/** Turn log arguments into one line the way console does. */
export function formatArguments(args: readonly unknown[]): string {
  const [first, ...rest] = args;
  if (typeof first === "string" && first.includes("%") && rest.length > 0) {
    let next = 0;
    const head = first.replace(/%([sdifjoOc%])/g, (match, directive: string) => {
      if (directive === "%") return "%";
      if (next >= rest.length) return match;
      const value = rest[next++];
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
    });
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
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (value instanceof RegExp) return String(value);
  if (depth > 4) return Array.isArray(value) ? "[Array]" : "[Object]";
  const inner = [...seen, value];
  if (Array.isArray(value)) return `[ ${value.map((item) => inspect(item, depth + 1, inner)).join(", ")} ]`.replace("[  ]", "[]");
  if (value instanceof Uint8Array) return `Uint8Array(${value.length}) [ ${Array.from(value.subarray(0, 50)).join(", ")}${value.length > 50 ? ", ..." : ""} ]`;
  if (value instanceof Map) {
    const entries = [...value].map(([k, v]) => `${inspect(k, depth + 1, inner)} => ${inspect(v, depth + 1, inner)}`);
    return `Map(${value.size}) { ${entries.join(", ")} }`;
  }
  if (value instanceof Set) return `Set(${value.size}) { ${[...value].map((v) => inspect(v, depth + 1, inner)).join(", ")} }`;
  const entries = Object.keys(value).map((key) => {
    const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
    return `${name}: ${inspect((value as Record<string, unknown>)[key], depth + 1, inner)}`;
  });
  const prefix = value.constructor && value.constructor !== Object ? `${value.constructor.name} ` : "";
  return entries.length === 0 ? `${prefix}{}` : `${prefix}{ ${entries.join(", ")} }`;
}
