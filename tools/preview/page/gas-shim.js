// @ts-check
/**
 * google.script.run for the built sidebar in the local preview. The preview server injects this script before the
 * sidebar's first script (dist/Sidebar.html itself is not changed). Each call is POSTed to /preview/run and runs the
 * server function in the bundled dist/Code.js as the person the sidebar was opened for (`?as=` on this script's URL).
 *
 * Semantics as in Apps Script: calls are asynchronous; withSuccessHandler / withFailureHandler / withUserObject
 * return a new runner; the success handler gets (value, userObject), the failure handler (Error, userObject) with the
 * server's error message; arguments and results are plain data (a Date or a function is an illegal value).
 */
(() => {
  const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  const user = script ? new URL(script.src).searchParams.get('as') : null;

  /**
   * @typedef {{
   *   success: ((value: unknown, userObject: unknown) => void) | null,
   *   failure: ((error: Error, userObject: unknown) => void) | null,
   *   userObject: unknown,
   * }} Handlers
   */

  /**
   * The first value google.script.run cannot carry, as a path ("argument 0.when"), or null.
   * @param {unknown} value
   * @param {string} path
   * @returns {string | null}
   */
  function illegal(value, path) {
    if (value === null || value === undefined) return null;
    const type = typeof value;
    if (type === 'string' || type === 'number' || type === 'boolean') return null;
    if (type !== 'object' || value instanceof Date) return path;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const bad = illegal(value[i], `${path}[${i}]`);
        if (bad) return bad;
      }
      return null;
    }
    for (const [key, item] of Object.entries(/** @type {Record<string, unknown>} */ (value))) {
      const bad = illegal(item, `${path}.${key}`);
      if (bad) return bad;
    }
    return null;
  }

  /**
   * @param {string} name
   * @param {unknown[]} args
   * @param {Handlers} handlers
   */
  function call(name, args, handlers) {
    for (let i = 0; i < args.length; i++) {
      const bad = illegal(args[i], `argument ${i}`);
      if (bad) throw new TypeError(`Failed due to illegal value in ${bad}.`);
    }
    /** @param {Error} error */
    const fail = (error) => {
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
      .then((res) => res.json())
      .then(
        /** @param {{ ok: boolean, value?: unknown, error?: string }} reply */
        (reply) => {
          if (!reply.ok) return fail(new Error(reply.error ?? 'The script failed.'));
          const onSuccess = handlers.success;
          if (onSuccess) setTimeout(() => onSuccess(reply.value ?? null, handlers.userObject));
        },
        (e) => fail(new Error(`NetworkError: connection failure (${e instanceof Error ? e.message : String(e)})`)),
      );
  }

  /**
   * @param {Handlers} handlers
   * @returns {Record<string, unknown>}
   */
  function runner(handlers) {
    /** @type {Record<string, unknown>} */
    const own = {
      /** @param {(value: unknown, userObject: unknown) => void} fn */
      withSuccessHandler: (fn) => runner({ ...handlers, success: fn }),
      /** @param {(error: Error, userObject: unknown) => void} fn */
      withFailureHandler: (fn) => runner({ ...handlers, failure: fn }),
      /** @param {unknown} object */
      withUserObject: (object) => runner({ ...handlers, userObject: object }),
    };
    return new Proxy(own, {
      get(target, prop) {
        if (typeof prop !== 'string' || prop === 'then') return undefined;
        if (prop in target) return target[prop];
        /** @param {unknown[]} args */
        return (...args) => {
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

  /** @type {any} */ (window).google = {
    script: { run: runner({ success: null, failure: null, userObject: undefined }), host },
  };
})();
