import { native } from "../natives.js";
import { DOMException } from "./dom-exception.js";

const clockNow = /* @__PURE__ */ native("clock_now");
const clockMonotonic = /* @__PURE__ */ native("clock_monotonic");
const initializing = /* @__PURE__ */ native("host_initializing");

// Taken on first use in each instance, never at build time (where the clock is a fixed instant).
let origin: { monotonic: number; wall: number } | undefined;

function timeOrigin(): { monotonic: number; wall: number } {
  if (initializing()) return { monotonic: clockMonotonic(), wall: clockNow() };
  return (origin ??= { monotonic: clockMonotonic(), wall: clockNow() });
}

function now(): number {
  return clockMonotonic() - timeOrigin().monotonic;
}

/** Event.timeStamp: performance.now() where there is a clock, 0 without WASI (an event must not fail for want of one). */
export function eventTimeStamp(): number {
  try {
    return now();
  } catch {
    return 0;
  }
}

/** Date.now() where there is a clock, 0 without WASI (File's default lastModified). */
export function wallClockOrZero(): number {
  try {
    return clockNow();
  } catch {
    return 0;
  }
}

/** User Timing's PerformanceEntry. */
export class PerformanceEntry {
  readonly #name: string;
  readonly #entryType: string;
  readonly #startTime: number;
  readonly #duration: number;
  constructor(name: string, entryType: string, startTime: number, duration: number) {
    this.#name = name;
    this.#entryType = entryType;
    this.#startTime = startTime;
    this.#duration = duration;
  }
  get name(): string {
    return this.#name;
  }
  get entryType(): string {
    return this.#entryType;
  }
  get startTime(): number {
    return this.#startTime;
  }
  get duration(): number {
    return this.#duration;
  }
  toJSON(): { name: string; entryType: string; startTime: number; duration: number } {
    return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration };
  }
}

/** performance.mark's entry. */
export class PerformanceMark extends PerformanceEntry {
  readonly #detail: unknown;
  constructor(name: string, options: { startTime?: number; detail?: unknown } = {}) {
    const startTime = options?.startTime ?? now();
    if (typeof startTime !== "number" || !(startTime >= 0)) {
      throw new TypeError(`PerformanceMark: startTime must be a number >= 0, not ${String(startTime)}`);
    }
    super(String(name), "mark", startTime, 0);
    this.#detail = options?.detail ?? null;
  }
  get detail(): unknown {
    return this.#detail;
  }
}

/** performance.measure's entry. */
export class PerformanceMeasure extends PerformanceEntry {
  readonly #detail: unknown;
  constructor(name: string, startTime: number, duration: number, detail: unknown) {
    super(name, "measure", startTime, duration);
    this.#detail = detail;
  }
  get detail(): unknown {
    return this.#detail;
  }
}

const entries: PerformanceEntry[] = [];

/** A mark's time: the latest mark of that name, or a number. */
function markTime(mark: string | number | undefined, fallback: () => number): number {
  if (mark === undefined) return fallback();
  if (typeof mark === "number") return mark;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!;
    if (entry.entryType === "mark" && entry.name === mark) return entry.startTime;
  }
  throw new DOMException(`performance.measure: there is no mark named '${mark}'`, "SyntaxError");
}

function removeEntries(type: string, name: string | undefined): void {
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i]!.entryType === type && (name === undefined || entries[i]!.name === name)) entries.splice(i, 1);
  }
}

/**
 * performance: now() and timeOrigin on the engine's monotonic clock, and User
 * Timing's marks and measures. (Date is the engine's own: it reads WASI's
 * clock, and throws a message about --wasi when the plug-in has none.)
 */
export const performance = {
  now,
  get timeOrigin(): number {
    return timeOrigin().wall;
  },
  toJSON(): { timeOrigin: number } {
    return { timeOrigin: timeOrigin().wall };
  },
  mark(name: string, options?: { startTime?: number; detail?: unknown }): PerformanceMark {
    const mark = new PerformanceMark(name, options);
    entries.push(mark);
    return mark;
  },
  measure(
    name: string,
    startOrOptions?: string | { start?: string | number; end?: string | number; duration?: number; detail?: unknown },
    endMark?: string,
  ): PerformanceMeasure {
    const options = typeof startOrOptions === "object" && startOrOptions !== null ? startOrOptions : { start: startOrOptions, end: endMark };
    let start: number;
    let end: number;
    if ("duration" in options && options.duration !== undefined) {
      if (options.start !== undefined && options.end !== undefined) {
        throw new TypeError("performance.measure: give at most two of start, end and duration");
      }
      if (options.end !== undefined) {
        end = markTime(options.end, now);
        start = end - options.duration;
      } else {
        start = markTime(options.start, () => 0);
        end = start + options.duration;
      }
    } else {
      start = markTime(options.start, () => 0);
      end = markTime(options.end, now);
    }
    const measure = new PerformanceMeasure(String(name), start, end - start, "detail" in options ? (options.detail ?? null) : null);
    entries.push(measure);
    return measure;
  },
  getEntries(): PerformanceEntry[] {
    return [...entries].sort((a, b) => a.startTime - b.startTime);
  },
  getEntriesByType(type: string): PerformanceEntry[] {
    return this.getEntries().filter((entry) => entry.entryType === type);
  },
  getEntriesByName(name: string, type?: string): PerformanceEntry[] {
    return this.getEntries().filter((entry) => entry.name === name && (type === undefined || entry.entryType === type));
  },
  clearMarks(name?: string): void {
    removeEntries("mark", name);
  },
  clearMeasures(name?: string): void {
    removeEntries("measure", name);
  },
};
