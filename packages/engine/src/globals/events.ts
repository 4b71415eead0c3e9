import { DOMException } from "./dom-exception.js";
import { reportError } from "./report-error.js";
import { eventTimeStamp } from "./clock.js";

export interface EventInit {
  bubbles?: boolean;
  cancelable?: boolean;
  composed?: boolean;
}

type Listener = ((event: Event) => unknown) | { handleEvent(event: Event): unknown };

interface Registration {
  callback: Listener;
  capture: boolean;
  once: boolean;
  passive: boolean;
  removed: boolean;
}

interface EventState {
  type: string;
  bubbles: boolean;
  cancelable: boolean;
  composed: boolean;
  timeStamp: number;
  target: EventTarget | null;
  currentTarget: EventTarget | null;
  phase: number;
  canceled: boolean;
  inPassiveListener: boolean;
  stopPropagation: boolean;
  stopImmediate: boolean;
  dispatching: boolean;
}

// Internal state lives beside the objects, so that none of it is an own property.
const events = new WeakMap<Event, EventState>();
const listenerLists = new WeakMap<EventTarget, Map<string, Registration[]>>();

function stateOf(event: Event): EventState {
  const state = events.get(event);
  if (!state) throw new TypeError("Illegal invocation: not an Event");
  return state;
}

function listenersOf(target: EventTarget): Map<string, Registration[]> {
  let lists = listenerLists.get(target);
  if (!lists) listenerLists.set(target, (lists = new Map()));
  return lists;
}

function forget(target: EventTarget, type: string, registration: Registration): void {
  registration.removed = true;
  const list = listenersOf(target).get(type);
  const index = list ? list.indexOf(registration) : -1;
  if (index >= 0) list!.splice(index, 1);
}

const NONE = 0;
const AT_TARGET = 2;

/** DOM's Event (there is no tree: every dispatch is at the target). */
export class Event {
  static get NONE(): number {
    return 0;
  }
  static get CAPTURING_PHASE(): number {
    return 1;
  }
  static get AT_TARGET(): number {
    return 2;
  }
  static get BUBBLING_PHASE(): number {
    return 3;
  }
  get NONE(): number {
    return 0;
  }
  get CAPTURING_PHASE(): number {
    return 1;
  }
  get AT_TARGET(): number {
    return 2;
  }
  get BUBBLING_PHASE(): number {
    return 3;
  }

  constructor(type: string, init: EventInit = {}) {
    if (arguments.length === 0) throw new TypeError("Event: the type argument is required");
    events.set(this, {
      type: String(type),
      bubbles: Boolean(init?.bubbles),
      cancelable: Boolean(init?.cancelable),
      composed: Boolean(init?.composed),
      timeStamp: eventTimeStamp(),
      target: null,
      currentTarget: null,
      phase: NONE,
      canceled: false,
      inPassiveListener: false,
      stopPropagation: false,
      stopImmediate: false,
      dispatching: false,
    });
  }
  get type(): string {
    return stateOf(this).type;
  }
  get target(): EventTarget | null {
    return stateOf(this).target;
  }
  get srcElement(): EventTarget | null {
    return stateOf(this).target;
  }
  get currentTarget(): EventTarget | null {
    return stateOf(this).currentTarget;
  }
  get eventPhase(): number {
    return stateOf(this).phase;
  }
  get bubbles(): boolean {
    return stateOf(this).bubbles;
  }
  get cancelable(): boolean {
    return stateOf(this).cancelable;
  }
  get composed(): boolean {
    return stateOf(this).composed;
  }
  get defaultPrevented(): boolean {
    return stateOf(this).canceled;
  }
  get returnValue(): boolean {
    return !stateOf(this).canceled;
  }
  set returnValue(value: boolean) {
    if (!value) this.preventDefault();
  }
  get cancelBubble(): boolean {
    return stateOf(this).stopPropagation;
  }
  set cancelBubble(value: boolean) {
    if (value) stateOf(this).stopPropagation = true;
  }
  get isTrusted(): boolean {
    return false;
  }
  get timeStamp(): number {
    return stateOf(this).timeStamp;
  }
  composedPath(): EventTarget[] {
    const state = stateOf(this);
    return state.dispatching && state.currentTarget ? [state.currentTarget] : [];
  }
  preventDefault(): void {
    const state = stateOf(this);
    if (state.cancelable && !state.inPassiveListener) state.canceled = true;
  }
  stopPropagation(): void {
    stateOf(this).stopPropagation = true;
  }
  stopImmediatePropagation(): void {
    const state = stateOf(this);
    state.stopPropagation = true;
    state.stopImmediate = true;
  }
  initEvent(type: string, bubbles = false, cancelable = false): void {
    const state = stateOf(this);
    if (state.dispatching) return;
    Object.assign(state, { type: String(type), bubbles: Boolean(bubbles), cancelable: Boolean(cancelable) });
    Object.assign(state, { canceled: false, stopPropagation: false, stopImmediate: false });
  }
  get [Symbol.toStringTag](): string {
    return "Event";
  }
}

export interface AddEventListenerOptions {
  capture?: boolean;
  once?: boolean;
  passive?: boolean;
  signal?: { aborted: boolean; addEventListener(type: "abort", listener: () => void): void };
}

/** DOM's EventTarget. */
export class EventTarget {
  addEventListener(type: string, callback: Listener | null, options: AddEventListenerOptions | boolean = {}): void {
    if (callback === null || callback === undefined) return;
    if (typeof callback !== "function" && typeof callback !== "object") {
      throw new TypeError("addEventListener: the listener must be a function or an object with handleEvent");
    }
    const flags = typeof options === "object" && options !== null ? options : { capture: Boolean(options) };
    const signal = flags.signal;
    if (signal?.aborted) return;
    const name = String(type);
    const capture = Boolean(flags.capture);
    const lists = listenersOf(this);
    const list = lists.get(name) ?? [];
    if (list.some((entry) => entry.callback === callback && entry.capture === capture)) return;
    const registration: Registration = { callback, capture, once: Boolean(flags.once), passive: Boolean(flags.passive), removed: false };
    list.push(registration);
    lists.set(name, list);
    signal?.addEventListener("abort", () => forget(this, name, registration));
  }

  removeEventListener(type: string, callback: Listener | null, options: { capture?: boolean } | boolean = {}): void {
    const capture = typeof options === "object" && options !== null ? Boolean(options.capture) : Boolean(options);
    const name = String(type);
    const registration = listenersOf(this).get(name)?.find((entry) => entry.callback === callback && entry.capture === capture);
    if (registration) forget(this, name, registration);
  }

  /** DOM's dispatch for a target without parents; a listener that throws is reported, the others still run. */
  dispatchEvent(event: Event): boolean {
    const state = events.get(event);
    if (!state) throw new TypeError("dispatchEvent: the argument must be an Event");
    if (state.dispatching) throw new DOMException("The event is already being dispatched", "InvalidStateError");
    Object.assign(state, { dispatching: true, target: this, currentTarget: this, phase: AT_TARGET });
    // At the target, capture listeners run first, then the others (DOM's
    // "capturing" and "bubbling" invocations). Each pass takes the list as it
    // is when the pass starts: listeners added later wait for the next
    // dispatch, removed ones are skipped.
    for (const capture of [true, false]) {
      for (const registration of [...(listenersOf(this).get(state.type) ?? [])]) {
        if (state.stopImmediate) break;
        if (registration.removed || registration.capture !== capture) continue;
        if (registration.once) forget(this, state.type, registration);
        state.inPassiveListener = registration.passive;
        try {
          const callback = registration.callback;
          if (typeof callback === "function") callback.call(this, event);
          else callback.handleEvent(event);
        } catch (error) {
          reportError(error);
        }
        state.inPassiveListener = false;
      }
    }
    Object.assign(state, { dispatching: false, phase: NONE, currentTarget: null, stopPropagation: false, stopImmediate: false });
    return !state.canceled;
  }
  get [Symbol.toStringTag](): string {
    return "EventTarget";
  }
}

/** DOM's CustomEvent: an Event with a `detail`. */
export class CustomEvent<T = unknown> extends Event {
  #detail: T | null;
  constructor(type: string, init: EventInit & { detail?: T } = {}) {
    super(type, init);
    this.#detail = init?.detail ?? null;
  }
  get detail(): T | null {
    return this.#detail;
  }
  initCustomEvent(type: string, bubbles = false, cancelable = false, detail: T | null = null): void {
    this.initEvent(type, bubbles, cancelable);
    this.#detail = detail;
  }
  override get [Symbol.toStringTag](): string {
    return "CustomEvent";
  }
}
