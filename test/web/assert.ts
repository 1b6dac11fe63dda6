// The part of Node's `assert` the tests use, for the web worker (no Node modules there). test/web/build.mjs points
// every `import * as assert from 'assert'` of the web bundle here, so shared helpers (test/integration/helpers.ts,
// lintHelpers.ts) run unchanged. Same semantics as Node's strict assertions for the values the tests compare.

export class AssertionError extends Error {
  constructor(message: string) { super(message); this.name = 'AssertionError'; }
}

function show(v: unknown): string {
  try { return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v); } catch { return String(v); }
}

function failWith(message: string | Error | undefined, fallback: string): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? fallback);
}

export function fail(message?: string | Error): never {
  failWith(message, 'Failed');
}

export function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) failWith(message, `The expression evaluated to a falsy value: ${show(value)}`);
}

export function strictEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!Object.is(actual, expected)) failWith(message, `Expected values to be strictly equal:\n  actual:   ${show(actual)}\n  expected: ${show(expected)}`);
}

export function notStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (Object.is(actual, expected)) failWith(message, `Expected "actual" to be strictly unequal to: ${show(expected)}`);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  if (a instanceof Set || a instanceof Map) return deepEqual([...a], [...(b as Set<unknown>)]);
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every(k => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function deepStrictEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!deepEqual(actual, expected)) failWith(message, `Expected values to be strictly deep-equal:\n  actual:   ${show(actual)}\n  expected: ${show(expected)}`);
}

export function match(value: string, re: RegExp, message?: string | Error): void {
  if (typeof value !== 'string' || !re.test(value)) failWith(message, `The input did not match the regular expression ${re}. Input: ${show(value)}`);
}

export function doesNotMatch(value: string, re: RegExp, message?: string | Error): void {
  if (typeof value !== 'string' || re.test(value)) failWith(message, `The input was expected to not match the regular expression ${re}. Input: ${show(value)}`);
}
