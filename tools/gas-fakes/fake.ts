/**
 * How a fake class describes itself to the boundary (boundary.ts): its Apps Script class name, used for call counters
 * (`Range.setValues`), and the exact list of members product code may use. The list is checked against the
 * @types/google-apps-script interface (`satisfies`), and the class `implements Pick<Interface, list>`, so a signature
 * that drifts from the real API fails to compile.
 */

export interface FakeSpec {
  /** Apps Script class name, e.g. `Range`, `UrlFetchApp`. */
  readonly kind: string;
  /** Members visible to product code; anything else reads as "not implemented". */
  readonly methods: readonly string[];
  /** Non-method members (enums) visible to product code. */
  readonly props?: readonly string[];
  /** HtmlTemplate only: product code assigns arbitrary variables on it. */
  readonly openProps?: boolean;
}

export interface FakeClass {
  readonly gas: FakeSpec;
}

export function specOf(value: object): FakeSpec | undefined {
  const ctor = (value as { constructor?: unknown }).constructor as Partial<FakeClass> | undefined;
  return ctor?.gas;
}

/**
 * The fakes implement a subset of each interface, but Apps Script signatures return the full interfaces
 * (`Range.setValues(): Range`). This is the one place that converts: product code reaches fakes only through the
 * boundary, which turns any member outside the subset into a clear "not implemented" error at run time.
 */
export function asApi<T>(fake: object): T {
  return fake as unknown as T;
}

/**
 * Apps Script enums print as their names (`String(Button.OK) === 'OK'`) and compare by identity; strings give both.
 * The @types declare them as numeric TS enums, hence the cast.
 */
export function gasEnum<T>(names: readonly string[]): T {
  const entries = names.map((n) => [n, n] as const);
  return Object.freeze(Object.fromEntries(entries)) as unknown as T;
}

/** The enum member for a name, typed as the @types enum. */
export function enumValue<T>(name: string): T {
  return name as unknown as T;
}

/** The name of an enum member received from product code (strings here; tolerate anything printable). */
export function enumName(value: unknown): string {
  return String(value);
}
