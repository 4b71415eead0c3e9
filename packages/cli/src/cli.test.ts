import { readFileSync } from "node:fs";
import { CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { booleanForms, createProgram, synopsis, type Actions } from "./cli.js";
import { CliError } from "./errors.js";

type Call = [keyof Actions, ...unknown[]];

/** The program with actions that only record what they were given. */
function program() {
  const calls: Call[] = [];
  const printed = { out: "", err: "" };
  const record =
    (name: keyof Actions) =>
    async (...args: unknown[]): Promise<void> => {
      calls.push([name, ...args]);
    };
  const actions: Actions = {
    build: record("build"),
    call: record("call"),
    inspect: record("inspect"),
    bindgen: record("bindgen"),
    init: record("init"),
    playground: record("playground"),
  };
  const command = createProgram(actions, { out: (text) => (printed.out += text), err: (text) => (printed.err += text) }, "1.2.3");
  const run = async (...argv: string[]): Promise<Call[]> => {
    await command.parseAsync(argv, { from: "user" });
    return calls;
  };
  /** Run and return the CommanderError the parse ended with. */
  const fail = async (...argv: string[]): Promise<CommanderError> => {
    try {
      await command.parseAsync(argv, { from: "user" });
    } catch (error) {
      if (error instanceof CommanderError) return error;
      throw error;
    }
    throw new Error(`extism-ts ${argv.join(" ")} did not fail`);
  };
  return { command, run, fail, printed };
}

describe("extism-ts build", () => {
  it("passes the entry and the flags as given, leaving out what was not given", async () => {
    expect(await program().run("build")).toEqual([["build", undefined, {}]]);
    expect(await program().run("build", "lib/main.ts", "-o", "out.wasm", "-i", "plugin.d.ts", "--no-wasi", "--eval", "--debug", "--report")).toEqual([
      ["build", "lib/main.ts", { output: "out.wasm", interface: "plugin.d.ts", wasi: false, eval: true, debug: true, report: true }],
    ]);
    expect(await program().run("build", "--output=x.wasm", "--wasi", "--no-eval", "--watch")).toEqual([
      ["build", undefined, { output: "x.wasm", wasi: true, eval: false, watch: true }],
    ]);
  });

  it("refuses a second entry and an unknown option, suggesting the one meant", async () => {
    const { fail, printed } = program();
    expect((await fail("build", "a.ts", "b.ts")).exitCode).toBe(1);
    expect(printed.err).toContain("extism-ts build: too many arguments for 'build'. Expected 1 argument but got 2.");
    const typo = program();
    expect((await typo.fail("build", "--ouput", "x.wasm")).code).toBe("commander.unknownOption");
    expect(typo.printed.err).toBe("extism-ts build: unknown option '--ouput'\n(Did you mean --output?)\n(extism-ts build --help lists its options)\n");
  });
});

describe("extism-ts call", () => {
  it("passes the plug-in, the function and the parsed flags", async () => {
    const [[, plugin, fn, options]] = (await program().run(
      "call",
      "p.wasm",
      "greet",
      "--input",
      "Ada",
      "--config",
      "a=1",
      "--config",
      "b=x=y",
      "--allow-host",
      "one.test",
      "--allow-host",
      "*.two.test",
      "--log-level=off",
      "--timeout",
      "500",
      "--memory-max-pages",
      "4",
      "--wasi",
      "--http-response-headers",
    )) as [Call];
    expect([plugin, fn]).toEqual(["p.wasm", "greet"]);
    expect(options).toEqual({
      input: "Ada",
      config: { a: "1", b: "x=y" },
      allowHost: ["one.test", "*.two.test"],
      logLevel: "silent",
      timeout: 500,
      memoryMaxPages: 4,
      wasi: true,
      httpResponseHeaders: true,
      loop: 1,
    });
    const [[, , , looped]] = (await program().run("call", "p.wasm", "f", "--stdin", "--loop", "3")) as [Call];
    expect(looped).toEqual({ stdin: true, loop: 3 });
  });

  it("takes the flags of `extism call` in its forms", async () => {
    const [[, , , options]] = (await program().run(
      "call",
      "manifest.json",
      "f",
      "-m",
      "--set-config",
      '{"a":"1","b":"2"}',
      "--config",
      "flag",
      "--allow-path",
      "data",
      "--allow-path",
      "/srv/files:/files",
      "--memory-max",
      "20MiB",
      "--http-response-max",
      "1MiB",
      "--var-max",
      "4096",
      "--link",
      "math=lib/math.wasm",
      "--link",
      "other.wasm",
      "--timeout",
      "0",
    )) as [Call];
    expect(options).toEqual({
      manifest: true,
      setConfig: { a: "1", b: "2" },
      config: { flag: "" },
      allowPath: { data: "data", "/files": "/srv/files" },
      memoryMax: 320,
      httpResponseMax: 1048576,
      varMax: 4096,
      link: [
        { name: "math", path: "lib/math.wasm" },
        { name: "other", path: "other.wasm" },
      ],
      timeout: 0,
      loop: 1,
    });
    const [[, , , pages]] = (await program().run("call", "p.wasm", "f", "--memory-max", "30")) as [Call];
    expect(pages).toEqual({ memoryMax: 30, loop: 1 });
  });

  it("reads --wasi=true and --wasi=false as Go's flag package does", () => {
    expect(booleanForms(["call", "p.wasm", "f", "--wasi=true", "--stdin=false", "--manifest=1", "--input=x"])).toEqual(["call", "p.wasm", "f", "--wasi", "--manifest", "--input=x"]);
    expect(() => booleanForms(["--wasi=maybe"])).toThrow(new CliError("--wasi is true or false, not 'maybe'"));
  });

  it("refuses more than one input", async () => {
    for (const argv of [
      ["--input", "x", "--stdin"],
      ["--input-file", "f", "--stdin"],
      ["-i", "x", "--input-file", "f"],
    ]) {
      const { fail, printed } = program();
      expect((await fail("call", "p.wasm", "f", ...argv)).code).toBe("commander.conflictingOption");
      expect(printed.err).toMatch(/^extism-ts call: option '.+' cannot be used with option '.+'/);
    }
  });

  it("refuses bad values with what it takes", async () => {
    const cases: Array<[string[], string]> = [
      [["--timeout", "soon"], "--timeout takes a positive whole number, not 'soon'"],
      [["--memory-max", "lots"], "--memory-max takes a size in bytes, as a number or with a unit (64KiB, 10MiB, 1GiB), not 'lots'"],
      [["--set-config", "[1]"], `--set-config takes a JSON object of strings, e.g. '{"user": "Benjamin"}', not [1]`],
      [["--link", "=x.wasm"], "--link takes name=module.wasm or module.wasm, not '=x.wasm'"],
      [["--allow-path", "data:"], "--allow-path takes a path or disk-path:plugin-path, not 'data:'"],
      [["--loop", "1.5"], "--loop takes a positive whole number, not '1.5'"],
      [["--memory-max-pages", ""], "--memory-max-pages takes a positive whole number, not ''"],
      [["--config", "=x"], "--config takes key=value, not '=x'"],
      [["--log-level", "loud"], "unknown log level 'loud': use one of trace, debug, info, warn, error, off"],
    ];
    for (const [flags, message] of cases) {
      await expect(program().run("call", "p.wasm", "f", ...flags)).rejects.toThrow(new CliError(message));
    }
  });

  it("needs the plug-in and the function", async () => {
    const { fail, printed } = program();
    expect((await fail("call", "p.wasm")).code).toBe("commander.missingArgument");
    expect(printed.err).toContain("extism-ts call: missing required argument 'function'");
  });
});

describe("the other commands", () => {
  it("passes their arguments", async () => {
    expect(await program().run("inspect", "p.wasm")).toEqual([["inspect", "p.wasm"]]);
    expect(await program().run("init", "my-plugin")).toEqual([["init", "my-plugin", {}]]);
    expect(await program().run("init", "my-plugin", "--schema", "s.yaml")).toEqual([["init", "my-plugin", { schema: "s.yaml" }]]);
    expect(await program().run("playground")).toEqual([["playground", undefined, {}]]);
    expect(await program().run("playground", "p.wasm", "--port", "0")).toEqual([["playground", "p.wasm", { port: 0 }]]);
    await expect(program().run("playground", "-p", "70000")).rejects.toThrow("--port takes a port number from 0 to 65535");
  });
});

describe("commands", () => {
  it("are looked up by their own names only, and a near miss gets a suggestion", async () => {
    for (const name of ["toString", "hasOwnProperty", "constructor", "__proto__", "valueOf"]) {
      const { fail, printed } = program();
      const error = await fail(name);
      expect([error.code, error.exitCode]).toEqual(["commander.unknownCommand", 1]);
      expect(printed.err).toContain(`extism-ts: unknown command '${name}'`);
    }
    const { fail, printed } = program();
    await fail("biuld");
    expect(printed.err).toContain("(Did you mean build?)");
  });

  it("each have --help, and the program has --version", async () => {
    for (const argv of [["build", "--help"], ["help", "call"], ["inspect", "-h"]]) {
      const { fail, printed } = program();
      const error = await fail(...argv);
      expect(error.exitCode).toBe(0);
      expect(printed.out).toMatch(new RegExp(`^Usage: extism-ts ${argv.find((word) => /^[a-z]/.test(word) && word !== "help") ?? ""}`));
    }
    const built = program();
    await built.fail("build", "--help");
    expect(built.printed.out).toContain("-o, --output <out.wasm>");
    expect(built.printed.out).toContain("--no-wasi");

    const version = program();
    expect((await version.fail("--version")).exitCode).toBe(0);
    expect(version.printed.out).toBe("1.2.3\n");
  });

  it("show the synopsis in the program's help", async () => {
    const { command, fail, printed } = program();
    await fail("--help");
    expect(printed.out).toContain(`Synopsis:\n${synopsis(command).replace(/^/gm, "  ")}`);
  });
});

describe("synopsis", () => {
  it("groups --x with --no-x and options that exclude each other, and marks repeatable ones", () => {
    const text = synopsis(program().command, 1000);
    expect(text.split("\n")).toEqual([
      "extism-ts build [entry] [--output out.wasm] [--interface interface.d.ts] [--wasi | --no-wasi] [--eval | --no-eval] [--debug] [--watch] [--report] [--quiet] [--stub module | --no-stub]... [--locales tags]... [--optimize profile] [--aot] [--schema schema.yaml]",
      "extism-ts call <plugin.wasm> <function> [--input text | --input-file file | --stdin] [--config key=value]... [--set-config json] [--log-level level] [--allow-host host]... [--allow-path path]... [--wasi] [--timeout ms] [--memory-max size | --memory-max-pages n] [--http-response-max bytes] [--var-max bytes] [--http-response-headers] [--manifest] [--link name=module.wasm]... [--loop n]",
      "extism-ts inspect <plugin.wasm>",
      "extism-ts bindgen <source> [--host language] [--output file]",
      "extism-ts init <dir> [--schema schema.yaml]",
      "extism-ts playground [plugin.wasm] [--port n]",
    ]);
  });

  it("is what the CLI's README shows", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    expect(readme).toContain(`\`\`\`\n${synopsis(program().command)}\n\`\`\``);
  });
});
