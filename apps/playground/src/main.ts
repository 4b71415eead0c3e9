import "./style.css";
import { parseInput, renderOutput, type InputMode, type OutputView, type Parsed } from "./encoding.js";
import { runPlugin, workersAvailable, type HostFunctionSource, type LogLevel, type RunResult } from "./runner.js";
import {
  callableExports,
  formatSignature,
  importsByNamespace,
  readPlugin,
  userHostFunctions,
  EXTISM_ENV,
  WASI_MODULE,
  type ImportInfo,
  type PluginInfo,
} from "./wasm-info.js";

interface LoadedPlugin {
  name: string;
  info: PluginInfo;
}

/** Everything needed to make a call again. */
interface CallInputs {
  functionName: string;
  inputMode: InputMode;
  inputText: string;
  config: [string, string][];
  logLevel: LogLevel;
  wasi: boolean;
  allowedHosts: string;
  runInWorker: boolean;
  timeout: string;
  hostFunctions: HostFunctionSource[];
}

interface HistoryEntry {
  id: number;
  plugin: LoadedPlugin;
  inputs: CallInputs;
  result: RunResult;
}

// ---------------------------------------------------------------- elements

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

const ui = {
  summary: byId("plugin-summary"),
  fileInput: byId<HTMLInputElement>("file-input"),
  exportList: byId<HTMLUListElement>("export-list"),
  importList: byId("import-list"),
  wasiInfo: byId("wasi-info"),
  functionSelect: byId<HTMLSelectElement>("function-select"),
  callButton: byId<HTMLButtonElement>("call-button"),
  inputMode: byId("input-mode"),
  inputText: byId<HTMLTextAreaElement>("input-text"),
  inputStatus: byId("input-status"),
  logLevel: byId<HTMLSelectElement>("log-level"),
  wasi: byId<HTMLInputElement>("wasi"),
  runInWorker: byId<HTMLInputElement>("run-in-worker"),
  workerOption: byId("worker-option"),
  timeout: byId<HTMLInputElement>("timeout"),
  timeoutField: byId("timeout-field"),
  configList: byId("config-list"),
  addConfig: byId<HTMLButtonElement>("add-config"),
  allowedHosts: byId<HTMLTextAreaElement>("allowed-hosts"),
  hostFunctionsCard: byId("host-functions-card"),
  hostFunctions: byId("host-functions"),
  outputView: byId("output-view"),
  resultStatus: byId("result-status"),
  error: byId("error"),
  output: byId("output"),
  outputWarning: byId("output-warning"),
  logs: byId<HTMLUListElement>("logs"),
  logCount: byId("log-count"),
  history: byId<HTMLOListElement>("history"),
  clearHistory: byId<HTMLButtonElement>("clear-history"),
  dropOverlay: byId("drop-overlay"),
};

/** A tiny element builder: h("li", { class: "x" }, "text", child). */
function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | undefined> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

// ---------------------------------------------------------------- state

let current: LoadedPlugin | undefined;
let inputMode: InputMode = "text";
let outputView: OutputView = "text";
let shown: RunResult | undefined;
let busy = false;
let nextHistoryId = 1;
const history: HistoryEntry[] = [];
/** Host function bodies by "namespace name"; kept when another plug-in with the same import is loaded. */
const hostBodies = new Map<string, string>();

const hostKey = (entry: { module: string; name: string }): string => `${entry.module}\u0000${entry.name}`;

function formatBytes(size: number): string {
  return size < 1024 ? `${size} B` : `${(size / 1024).toFixed(1)} KiB`;
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

// ---------------------------------------------------------------- plug-in

/** What a host function's body starts as: its first argument when the types allow, else zero. */
function defaultBody(entry: ImportInfo): string {
  const params = entry.signature?.params ?? [];
  const result = entry.signature?.results[0];
  const hint = params[0] === "i64" ? "// e.g. return callContext.store(callContext.read(args[0])?.text() + \"!\");\n" : "";
  if (result === undefined) return `${hint}// no result`;
  if (params[0] === result) return `${hint}return args[0];`;
  return `${hint}return ${result === "i64" ? "0n" : "0"};`;
}

function renderSidebar(plugin: LoadedPlugin | undefined): void {
  ui.exportList.replaceChildren();
  ui.importList.replaceChildren();
  if (!plugin) {
    ui.exportList.append(h("li", { class: "muted" }, "Load a plug-in to see what it exports."));
    ui.importList.append(h("p", { class: "muted" }, "—"));
    ui.wasiInfo.textContent = "—";
    ui.wasiInfo.className = "muted";
    return;
  }
  const { info } = plugin;
  const exports = callableExports(info);
  if (exports.length === 0) ui.exportList.append(h("li", { class: "muted" }, "No function exports."));
  for (const entry of exports) {
    const button = h(
      "button",
      { type: "button", class: "export", "data-export": entry.name, title: `${entry.name}${formatSignature(entry.signature)}` },
      h("span", { class: "export-name" }, entry.name),
      h("span", { class: "signature" }, formatSignature(entry.signature)),
    );
    button.addEventListener("click", () => {
      ui.functionSelect.value = entry.name;
      syncSelectedExport();
    });
    ui.exportList.append(h("li", {}, button));
  }
  const others = info.exports.filter((entry) => entry.kind !== "function");
  if (others.length > 0) {
    ui.exportList.append(h("li", { class: "muted small-text" }, `also: ${others.map((entry) => `${entry.name} (${entry.kind})`).join(", ")}`));
  }

  const groups = importsByNamespace(info);
  if (groups.size === 0) ui.importList.append(h("p", { class: "muted" }, "Imports nothing."));
  for (const [namespace, entries] of groups) {
    const kind = namespace === EXTISM_ENV ? "provided by Extism" : namespace === WASI_MODULE ? "WASI" : "host functions to provide";
    const list = h("ul", { class: "imports" });
    for (const entry of entries) {
      list.append(
        h(
          "li",
          { "data-import": `${namespace} ${entry.name}` },
          h("span", { class: "import-name" }, entry.name),
          h("span", { class: "signature" }, entry.kind === "function" ? formatSignature(entry.signature) : entry.kind),
        ),
      );
    }
    ui.importList.append(
      h(
        "div",
        { class: `namespace ${namespace === EXTISM_ENV ? "env" : namespace === WASI_MODULE ? "wasi" : "user"}` },
        h("div", { class: "namespace-head" }, h("code", {}, namespace), h("span", { class: "tag" }, kind)),
        list,
      ),
    );
  }
  ui.wasiInfo.textContent = info.wasi
    ? `Required: it imports ${WASI_MODULE}. Calls need WASI on.`
    : `Not needed: it imports nothing from ${WASI_MODULE}.`;
  ui.wasiInfo.className = info.wasi ? "badge-line warn" : "badge-line ok";
}

/** Grow a code box with its text, from 3 to 14 lines. */
function fitRows(textarea: HTMLTextAreaElement): void {
  textarea.rows = Math.min(14, Math.max(3, textarea.value.split("\n").length));
}

function renderHostFunctions(plugin: LoadedPlugin | undefined): void {
  ui.hostFunctions.replaceChildren();
  const entries = plugin ? userHostFunctions(plugin.info) : [];
  ui.hostFunctionsCard.hidden = entries.length === 0;
  for (const entry of entries) {
    const key = hostKey(entry);
    if (!hostBodies.has(key)) hostBodies.set(key, defaultBody(entry));
    const params = (entry.signature?.params ?? []).map((type, index) => `args[${index}]: ${type}`).join(", ");
    const results = entry.signature?.results.join(", ") || "()";
    const textarea = h("textarea", {
      rows: "3",
      spellcheck: "false",
      class: "code",
      "data-module": entry.module,
      "data-name": entry.name,
      "aria-label": `body of host function ${entry.name}`,
    });
    textarea.value = hostBodies.get(key)!;
    fitRows(textarea);
    textarea.addEventListener("input", () => {
      hostBodies.set(key, textarea.value);
      fitRows(textarea);
    });
    ui.hostFunctions.append(
      h(
        "div",
        { class: "host-function" },
        h(
          "div",
          { class: "host-function-head" },
          h("code", { class: "host-function-name" }, entry.name),
          h("span", { class: "signature" }, `(callContext, ${params}) -> ${results}`),
          h("span", { class: "tag" }, entry.module),
        ),
        textarea,
      ),
    );
  }
}

function renderSummary(plugin: LoadedPlugin | undefined, problem?: string): void {
  ui.summary.replaceChildren();
  if (problem) {
    ui.summary.append(h("span", { class: "summary-error" }, problem));
    return;
  }
  if (!plugin) {
    ui.summary.append(h("span", { class: "muted" }, "No plug-in loaded"));
    return;
  }
  ui.summary.append(
    h("span", { class: "plugin-name", id: "plugin-name" }, plugin.name),
    h("span", { class: "pill" }, formatBytes(plugin.info.size)),
    h("span", { class: `pill ${plugin.info.wasi ? "warn" : "ok"}` }, plugin.info.wasi ? "needs WASI" : "no WASI"),
  );
}

function syncSelectedExport(): void {
  for (const button of ui.exportList.querySelectorAll<HTMLButtonElement>("button.export")) {
    button.classList.toggle("selected", button.dataset.export === ui.functionSelect.value);
  }
  updateCallButton();
}

function showPlugin(plugin: LoadedPlugin): void {
  const previous = ui.functionSelect.value;
  current = plugin;
  renderSummary(plugin);
  renderSidebar(plugin);
  renderHostFunctions(plugin);
  const names = callableExports(plugin.info).map((entry) => entry.name);
  ui.functionSelect.replaceChildren(...names.map((name) => h("option", { value: name }, name)));
  ui.functionSelect.disabled = names.length === 0;
  if (names.includes(previous)) ui.functionSelect.value = previous;
  ui.wasi.checked = plugin.info.wasi;
  document.title = `${plugin.name} · extism-ts playground`;
  syncSelectedExport();
}

async function loadPlugin(name: string, bytes: Uint8Array): Promise<void> {
  try {
    const info = await readPlugin(bytes);
    showPlugin({ name, info });
  } catch (error) {
    renderSummary(undefined, `${name} is not a WebAssembly module: ${(error as Error).message}`);
  }
}

async function loadFile(file: File): Promise<void> {
  await loadPlugin(file.name, new Uint8Array(await file.arrayBuffer()));
}

/** `extism-ts playground plugin.wasm` serves that plug-in next to the page. */
async function loadServedPlugin(): Promise<void> {
  let response: Response;
  try {
    response = await fetch("plugin.wasm", { cache: "no-store" });
  } catch {
    return; // opened from a static host with no plug-in: the file picker is the way in
  }
  if (!response.ok) return;
  const header = response.headers.get("x-plugin-name");
  const name = header ? decodeURIComponent(header) : "plugin.wasm";
  await loadPlugin(name, new Uint8Array(await response.arrayBuffer()));
}

// ---------------------------------------------------------------- inputs

function setActive(group: HTMLElement, attribute: string, value: string): void {
  for (const button of group.querySelectorAll<HTMLButtonElement>("button")) {
    button.classList.toggle("active", button.getAttribute(attribute) === value);
  }
}

function parsedInput(): Parsed {
  return parseInput(inputMode, ui.inputText.value);
}

function updateInputStatus(): void {
  const parsed = parsedInput();
  ui.inputStatus.textContent = parsed.ok ? parsed.note : parsed.error;
  ui.inputStatus.className = `status-line ${parsed.ok ? "muted" : "invalid"}`;
  ui.inputText.classList.toggle("invalid", !parsed.ok);
  ui.inputText.setAttribute("aria-invalid", String(!parsed.ok));
  updateCallButton();
}

function updateCallButton(): void {
  ui.callButton.disabled = busy || !current || !ui.functionSelect.value || !parsedInput().ok;
}

function addConfigRow(key = "", value = ""): void {
  const keyInput = h("input", { type: "text", class: "config-key", placeholder: "key", "aria-label": "config key" });
  const valueInput = h("input", { type: "text", class: "config-value", placeholder: "value", "aria-label": "config value" });
  keyInput.value = key;
  valueInput.value = value;
  const remove = h("button", { type: "button", class: "button small ghost", title: "Remove", "aria-label": "remove config entry" }, "×");
  const row = h("div", { class: "config-row" }, keyInput, valueInput, remove);
  remove.addEventListener("click", () => row.remove());
  ui.configList.append(row);
}

function configEntries(): [string, string][] {
  return [...ui.configList.querySelectorAll(".config-row")]
    .map((row): [string, string] => [
      (row.querySelector(".config-key") as HTMLInputElement).value,
      (row.querySelector(".config-value") as HTMLInputElement).value,
    ])
    .filter(([key]) => key.trim() !== "");
}

function currentInputs(): CallInputs {
  return {
    functionName: ui.functionSelect.value,
    inputMode,
    inputText: ui.inputText.value,
    config: configEntries(),
    logLevel: ui.logLevel.value as LogLevel,
    wasi: ui.wasi.checked,
    allowedHosts: ui.allowedHosts.value,
    runInWorker: ui.runInWorker.checked,
    timeout: ui.timeout.value,
    hostFunctions: [...ui.hostFunctions.querySelectorAll<HTMLTextAreaElement>("textarea")].map((textarea) => ({
      module: textarea.dataset.module!,
      name: textarea.dataset.name!,
      body: textarea.value,
    })),
  };
}

function applyInputs(inputs: CallInputs): void {
  ui.functionSelect.value = inputs.functionName;
  inputMode = inputs.inputMode;
  setActive(ui.inputMode, "data-mode", inputMode);
  ui.inputText.value = inputs.inputText;
  ui.configList.replaceChildren();
  for (const [key, value] of inputs.config) addConfigRow(key, value);
  ui.logLevel.value = inputs.logLevel;
  ui.wasi.checked = inputs.wasi;
  ui.allowedHosts.value = inputs.allowedHosts;
  ui.runInWorker.checked = inputs.runInWorker && !ui.runInWorker.disabled;
  ui.timeout.value = inputs.timeout;
  syncWorkerOption();
  for (const source of inputs.hostFunctions) hostBodies.set(hostKey(source), source.body);
  for (const textarea of ui.hostFunctions.querySelectorAll<HTMLTextAreaElement>("textarea")) {
    textarea.value = hostBodies.get(hostKey({ module: textarea.dataset.module!, name: textarea.dataset.name! })) ?? textarea.value;
    fitRows(textarea);
  }
  syncSelectedExport();
  updateInputStatus();
}

function syncWorkerOption(): void {
  ui.timeout.disabled = !ui.runInWorker.checked;
  ui.timeoutField.classList.toggle("disabled", !ui.runInWorker.checked);
}

// ---------------------------------------------------------------- results

function renderOutputArea(): void {
  ui.output.classList.remove("empty");
  ui.outputWarning.hidden = true;
  if (!shown || (!shown.ok && shown.output.length === 0)) {
    ui.output.textContent = "";
    ui.output.hidden = !!shown;
    return;
  }
  ui.output.hidden = false;
  if (shown.output.length === 0) {
    ui.output.textContent = "(empty output)";
    ui.output.classList.add("empty");
    return;
  }
  const rendered = renderOutput(outputView, shown.output);
  ui.output.textContent = rendered.text;
  if (rendered.warning) {
    ui.outputWarning.textContent = rendered.warning;
    ui.outputWarning.hidden = false;
  }
}

function renderResult(result: RunResult, functionName: string): void {
  shown = result;
  const timing = `load ${formatMs(result.loadMs)}${result.phase === "load" || result.phase === "host functions" ? "" : ` · call ${formatMs(result.callMs)}`}`;
  const rc =
    result.returnCode !== undefined
      ? h("span", { class: "rc", id: "return-code" }, `return code ${result.returnCode}`)
      : result.ok || result.phase !== "call"
        ? ""
        : h("span", { class: "rc muted", id: "return-code" }, "return code not seen");
  ui.resultStatus.replaceChildren(
    h("span", { class: "status-icon" }, result.ok ? "✓" : "✗"),
    h("strong", {}, result.ok ? "OK" : result.phase === "call" ? "Call failed" : "Could not load"),
    h("code", {}, functionName),
    rc,
    h("span", { class: "timing", id: "timing" }, timing),
  );
  ui.resultStatus.className = `result-status ${result.ok ? "ok" : "failed"}`;
  ui.error.hidden = result.ok;
  ui.error.textContent = result.error ?? "";
  renderOutputArea();

  ui.logs.replaceChildren();
  ui.logCount.textContent = result.logs.length ? `${result.logs.length} line${result.logs.length === 1 ? "" : "s"}` : "";
  if (result.logs.length === 0) {
    ui.logs.append(h("li", { class: "muted" }, ui.logLevel.value === "silent" ? "Logging is off." : "No logs."));
  }
  for (const line of result.logs) {
    ui.logs.append(
      h(
        "li",
        { class: `log log-${line.level}`, "data-level": line.level },
        h("span", { class: "level" }, line.level.toUpperCase()),
        " ",
        h("span", { class: "message" }, line.message),
      ),
    );
  }
}

function preview(text: string, limit = 32): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > limit ? `${flat.slice(0, limit - 1)}…` : flat;
}

function renderHistory(): void {
  ui.history.replaceChildren();
  if (history.length === 0) {
    ui.history.append(h("li", { class: "muted" }, "Calls appear here; click one to restore its inputs."));
    return;
  }
  for (const entry of [...history].reverse()) {
    const { inputs, result } = entry;
    const outcome = result.ok
      ? preview(new TextDecoder().decode(result.output)) || "(empty)"
      : preview(result.error ?? "failed", 48);
    const button = h(
      "button",
      { type: "button", class: `history-entry ${result.ok ? "ok" : "failed"}`, "data-history": String(entry.id) },
      h("span", { class: "status-icon" }, result.ok ? "✓" : "✗"),
      h("span", { class: "history-main" },
        h("span", { class: "history-call" }, h("code", {}, inputs.functionName), " ", h("span", { class: "muted" }, inputs.inputText ? `(${preview(inputs.inputText, 24)})` : "()")),
        h("span", { class: "history-outcome" }, outcome),
      ),
      h(
        "span",
        { class: "history-meta" },
        h("span", {}, entry.plugin.name),
        h("span", {}, [
          result.logs.length ? `${result.logs.length} log${result.logs.length === 1 ? "" : "s"}` : "",
          result.phase === "load" || result.phase === "host functions" ? "not called" : formatMs(result.callMs),
        ].filter(Boolean).join(" · ")),
      ),
    );
    button.addEventListener("click", () => restore(entry));
    ui.history.append(h("li", {}, button));
  }
}

function restore(entry: HistoryEntry): void {
  if (current !== entry.plugin) showPlugin(entry.plugin);
  applyInputs(entry.inputs);
  renderResult(entry.result, entry.inputs.functionName);
  for (const button of ui.history.querySelectorAll<HTMLButtonElement>("button")) {
    button.classList.toggle("restored", button.dataset.history === String(entry.id));
  }
}

async function call(): Promise<void> {
  if (!current || busy) return;
  const parsed = parsedInput();
  if (!parsed.ok) return updateInputStatus();
  const inputs = currentInputs();
  const plugin = current;
  busy = true;
  ui.callButton.classList.add("busy");
  ui.callButton.textContent = "Calling…";
  updateCallButton();
  try {
    const timeout = Number(inputs.timeout);
    const result = await runPlugin(
      {
        info: plugin.info,
        functionName: inputs.functionName,
        input: parsed.bytes,
        config: Object.fromEntries(inputs.config),
        logLevel: inputs.logLevel,
        wasi: inputs.wasi,
        allowedHosts: inputs.allowedHosts.split(/[\s,]+/).filter(Boolean),
        hostFunctions: inputs.hostFunctions,
        runInWorker: inputs.runInWorker,
        ...(inputs.runInWorker && inputs.timeout && timeout > 0 ? { timeoutMs: timeout } : {}),
      },
      userHostFunctions(plugin.info),
    );
    renderResult(result, inputs.functionName);
    history.push({ id: nextHistoryId++, plugin, inputs, result });
    renderHistory();
  } finally {
    busy = false;
    ui.callButton.classList.remove("busy");
    ui.callButton.textContent = "Call";
    updateCallButton();
  }
}

// ---------------------------------------------------------------- wiring

ui.fileInput.addEventListener("change", () => {
  const file = ui.fileInput.files?.[0];
  if (file) void loadFile(file);
  ui.fileInput.value = "";
});

let dragDepth = 0;
window.addEventListener("dragenter", (event) => {
  if (!event.dataTransfer?.types.includes("Files")) return;
  event.preventDefault();
  dragDepth++;
  ui.dropOverlay.hidden = false;
});
window.addEventListener("dragover", (event) => event.preventDefault());
window.addEventListener("dragleave", () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) ui.dropOverlay.hidden = true;
});
window.addEventListener("drop", (event) => {
  event.preventDefault();
  dragDepth = 0;
  ui.dropOverlay.hidden = true;
  const file = event.dataTransfer?.files[0];
  if (file) void loadFile(file);
});

ui.inputMode.addEventListener("click", (event) => {
  const mode = (event.target as HTMLElement).closest<HTMLButtonElement>("button[data-mode]")?.dataset.mode as InputMode | undefined;
  if (!mode) return;
  inputMode = mode;
  setActive(ui.inputMode, "data-mode", mode);
  updateInputStatus();
});
ui.outputView.addEventListener("click", (event) => {
  const view = (event.target as HTMLElement).closest<HTMLButtonElement>("button[data-view]")?.dataset.view as OutputView | undefined;
  if (!view) return;
  outputView = view;
  setActive(ui.outputView, "data-view", view);
  renderOutputArea();
});
ui.inputText.addEventListener("input", updateInputStatus);
ui.functionSelect.addEventListener("change", syncSelectedExport);
ui.callButton.addEventListener("click", () => void call());
ui.addConfig.addEventListener("click", () => addConfigRow());
ui.runInWorker.addEventListener("change", syncWorkerOption);
ui.clearHistory.addEventListener("click", () => {
  history.length = 0;
  renderHistory();
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    void call();
  }
});

if (!workersAvailable()) {
  ui.runInWorker.disabled = true;
  ui.workerOption.title = "Needs a cross-origin isolated page (extism-ts playground serves one)";
  ui.workerOption.classList.add("disabled");
}
syncWorkerOption();
updateInputStatus();
void loadServedPlugin();
