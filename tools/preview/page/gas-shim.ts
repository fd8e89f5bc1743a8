/**
 * google.script.run for the built sidebar in the local preview. The preview server injects this script before the
 * sidebar's first script (dist/Sidebar.html itself is not changed). Each call is POSTed to /preview/run and runs the
 * server function in the bundled dist/Code.js as the person the sidebar was opened for (`?as=` on this script's URL).
 *
 * Semantics as in Apps Script: calls are asynchronous; withSuccessHandler / withFailureHandler / withUserObject
 * return a new runner; the success handler gets (value, userObject), the failure handler (Error, userObject) with the
 * server's error message; arguments and results are plain data (a Date or a function is an illegal value).
 */

// A module, so its names stay its own when type-checked with the page.
export {};

interface Handlers {
  success: ((value: unknown, userObject: unknown) => void) | null;
  failure: ((error: Error, userObject: unknown) => void) | null;
  userObject: unknown;
}

interface RunReply {
  ok: boolean;
  value?: unknown;
  error?: string;
}

const script = document.currentScript as HTMLScriptElement | null;
const user = script ? new URL(script.src).searchParams.get('as') : null;

/** The first value google.script.run cannot carry, as a path ("argument 0.when"), or null. */
function illegal(value: unknown, path: string): string | null {
  if (value === null || value === undefined) return null;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return null;
  if (type !== 'object' || value instanceof Date) return path;
  const entries = Array.isArray(value)
    ? value.map((item, i) => [`[${i}]`, item] as const)
    : Object.entries(value as Record<string, unknown>).map(([key, item]) => [`.${key}`, item] as const);
  for (const [step, item] of entries) {
    const bad = illegal(item, `${path}${step}`);
    if (bad) return bad;
  }
  return null;
}

function call(name: string, args: unknown[], handlers: Handlers): void {
  for (let i = 0; i < args.length; i++) {
    const bad = illegal(args[i], `argument ${i}`);
    if (bad) throw new TypeError(`Failed due to illegal value in ${bad}.`);
  }
  const fail = (error: Error) => {
    const onFailure = handlers.failure;
    // Without a failure handler, Apps Script reports the error as uncaught.
    setTimeout(() => {
      if (onFailure) onFailure(error, handlers.userObject);
      else throw error;
    });
  };
  fetch('/preview/run', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, name, args: args.map((a) => (a === undefined ? null : a)) }),
  })
    .then((res) => res.json() as Promise<RunReply>)
    .then(
      (reply) => {
        if (!reply.ok) return fail(new Error(reply.error ?? 'The script failed.'));
        const onSuccess = handlers.success;
        if (onSuccess) setTimeout(() => onSuccess(reply.value ?? null, handlers.userObject));
      },
      (e) => fail(new Error(`NetworkError: connection failure (${e instanceof Error ? e.message : String(e)})`)),
    );
}

function runner(handlers: Handlers): Record<string, unknown> {
  const own: Record<string, unknown> = {
    withSuccessHandler: (fn: Handlers['success']) => runner({ ...handlers, success: fn }),
    withFailureHandler: (fn: Handlers['failure']) => runner({ ...handlers, failure: fn }),
    withUserObject: (object: unknown) => runner({ ...handlers, userObject: object }),
  };
  return new Proxy(own, {
    get(target, prop) {
      if (typeof prop !== 'string' || prop === 'then') return undefined;
      if (prop in target) return target[prop];
      return (...args: unknown[]) => {
        call(prop, args, handlers);
      };
    },
  });
}

const host = {
  /** Closes the sidebar (the preview page hides it). */
  close: () => window.parent.postMessage({ type: 'preview:close-sidebar' }, window.location.origin),
  setHeight: () => {},
  setWidth: () => {},
  editor: { focus: () => {} },
  origin: window.location.origin,
};

(window as unknown as { google: unknown }).google = {
  script: { run: runner({ success: null, failure: null, userObject: undefined }), host },
};
