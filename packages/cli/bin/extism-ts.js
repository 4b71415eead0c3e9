#!/usr/bin/env node
// @extism/extism loads node:wasi, whose ExperimentalWarning would land in
// every `call`'s stderr; every other warning is still printed.
process.removeAllListeners("warning");
process.on("warning", (warning) => {
  if (warning.name === "ExperimentalWarning" && warning.message.includes("WASI")) return;
  console.warn(`${warning.name}: ${warning.message}`);
});

const { main } = await import("../dist/cli.js");
process.exitCode = await main(process.argv.slice(2));
