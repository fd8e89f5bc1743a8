/** Errors the fakes throw, shaped like the ones Apps Script throws. */

/**
 * What the real services throw: V8 Apps Script prints these as "Exception: …", so the name is "Exception".
 * Product code that matches on messages sees the same text it would see in production.
 */
export class GasError extends Error {
  override name = 'Exception';
}

/**
 * The end of an execution at an arbitrary point, modelling the 6-minute limit (or a kill after N service calls).
 *
 * In Apps Script nothing runs after the limit: no catch, no finally. A JavaScript error cannot do that, so the fakes
 * make it sticky instead: once thrown, every further service call of the same execution throws it again, and the
 * harness re-throws it when the execution returns, even if product code caught it. Product code must never swallow
 * it (a bare `catch {}` around service calls turns a hard stop into a silent half-done run, which is the bug this
 * error exists to expose).
 */
export class HardStopError extends Error {
  override name = 'HardStopError';
  constructor(
    readonly reason: string,
    /** The service call (e.g. `Range.setValues`) at which the execution was stopped. */
    readonly atCall: string,
  ) {
    super(
      `gas-fakes hard stop (${reason}) at ${atCall}: the execution ended here. ` +
        'Apps Script ends executions at arbitrary points and nothing after that point runs; do not catch this error.',
    );
  }
}

/** A method the fakes do not implement: fail loudly rather than return something plausible. */
export class NotImplementedError extends Error {
  override name = 'NotImplementedError';
  constructor(member: string) {
    super(
      `gas-fakes: ${member} is not implemented. Add it to tools/gas-fakes (typed against @types/google-apps-script).`,
    );
  }
}
