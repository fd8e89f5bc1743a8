/** The preview server's JSON API, called by the page and by the sidebar's google.script.run shim. */

import { type EmulatorControl, EmulatorControlError } from '../emulator/control-client';
import type { GasThread } from './gas-thread';
import { field, isFunctionName, isNumber, isString, outcome } from './http';
import { type LoggedRequest, SPEEDS } from './protocol';
import { DEFAULT_USER, isPreviewUser, PREVIEW_USERS } from './users';

export type Route = (body: Record<string, unknown>, url: URL) => Promise<unknown>;
export type Routes = Record<string, Route>;

/** What the routes act on: the current Apps Script thread (a new one after each reset) and the emulator. */
export interface PreviewContext {
  gas(): Promise<GasThread>;
  /** The one control client every tool uses for the emulator's /_emulator/* API. */
  control: EmulatorControl;
  /** A fresh demo; resolves with the new generation. */
  reset(): Promise<number>;
  setSpeed(factor: number): Promise<void>;
}

const REQUESTS_SHOWN = 300;
const isCell = (v: unknown): v is string => isString(v) && /^[A-Z]{1,3}[1-9]\d*$/.test(v);
const isLocale = (v: unknown): v is string => isString(v) && /^[a-z]{2,3}([_-][A-Za-z]{2,4})?$/.test(v);
const isSpeed = (v: unknown): v is number => SPEEDS.some((s) => s === v);

export function previewRoutes(ctx: PreviewContext): Routes {
  return { ...demoRoutes(ctx), ...stateRoute(ctx), ...scriptRoutes(ctx), ...emulatorRoutes(ctx) };
}

function demoRoutes(ctx: PreviewContext): Routes {
  return {
    'GET /preview/config': async () => ({
      users: PREVIEW_USERS.map(({ email, label }) => ({ email, label })),
      defaultUser: DEFAULT_USER,
      speeds: SPEEDS,
    }),
    'POST /preview/speed': async (body) => {
      const factor = field(body, 'factor', isSpeed, `one of ${SPEEDS}`);
      await ctx.setSpeed(factor);
      return { ok: true, value: factor };
    },
    'POST /preview/reset': async () => ({ ok: true, value: await ctx.reset() }),
  };
}

function stateRoute(ctx: PreviewContext): Routes {
  return {
    'GET /preview/state': async (_body, url) => {
      const thread = await ctx.gas().catch((e: unknown) => ({ failed: (e as Error).message }));
      if ('failed' in thread) return { error: `The Apps Script thread could not start: ${thread.failed}` };
      const rows = Number(url.searchParams.get('rows') ?? 300);
      const sheet = url.searchParams.get('sheet');
      const since = url.searchParams.get('since');
      const user = url.searchParams.get('user');
      try {
        return await thread.peek({
          type: 'snapshot',
          user: isPreviewUser(user) ? user : DEFAULT_USER,
          rowLimit: Number.isFinite(rows) ? rows : 300,
          ...(sheet ? { sheet } : {}),
          ...(since ? { since } : {}),
        });
      } catch (e) {
        return { error: (e as Error).message };
      }
    },
  };
}

/** What a person does in the spreadsheet or the sidebar: each runs in the Apps Script thread. */
function scriptRoutes(ctx: PreviewContext): Routes {
  const previewUser = (body: Record<string, unknown>) => field(body, 'user', isPreviewUser, 'one of the preview users');
  return {
    'POST /preview/run': async (body) => {
      const user = previewUser(body);
      const name = field(body, 'name', isFunctionName, 'a function name');
      const args = field(body, 'args', Array.isArray, 'an array');
      const thread = await ctx.gas();
      // The sidebar polls progress during a bulk apply: answered at once, like a concurrent execution.
      return outcome(
        name === 'getBulkProgress'
          ? thread.peek({ type: 'progress', user })
          : thread.command({ type: 'run', user, name, args }),
      );
    },
    'POST /preview/menu': async (body) => {
      const user = previewUser(body);
      const functionName = field(body, 'functionName', isFunctionName, 'a function name');
      return outcome((await ctx.gas()).command({ type: 'menu', user, functionName }));
    },
    'POST /preview/edit': async (body) => {
      const user = previewUser(body);
      const sheet = field(body, 'sheet', isString, 'a sheet name');
      const a1 = field(body, 'a1', isCell, 'a cell (A1)');
      const value = field(body, 'value', isString, 'a string');
      return outcome((await ctx.gas()).command({ type: 'edit', user, sheet, a1, value }));
    },
    'POST /preview/locale': async (body) => {
      const locale = field(body, 'locale', isLocale, 'a locale such as en or zh_TW');
      return outcome((await ctx.gas()).command({ type: 'locale', locale }));
    },
    'POST /preview/activate': async (body) => {
      const sheet = field(body, 'sheet', isString, 'a sheet name');
      return outcome((await ctx.gas()).command({ type: 'activate', sheet }));
    },
    'POST /preview/dialog': async (body) => {
      const id = field(body, 'id', isNumber, 'a dialog id');
      const button = field(body, 'button', isString, 'a button name');
      return outcome((await ctx.gas()).peek({ type: 'answer', id, button }));
    },
  };
}

function emulatorRoutes(ctx: PreviewContext): Routes {
  return {
    'GET /preview/requests': async (_body, url) => {
      const since = Number(url.searchParams.get('since') ?? 0);
      const logged = await ctx.control.requests(Number.isFinite(since) ? since : 0);
      const requests: LoggedRequest[] = logged.slice(-REQUESTS_SHOWN).map(({ body: _body, ...rest }) => rest);
      return { requests };
    },
    'DELETE /preview/requests': async () => {
      await ctx.control.clearRequests();
      return { ok: true };
    },
    'GET /preview/emulator-config': async () => ({ ok: true, value: await ctx.control.currentConfig() }),
    'POST /preview/emulator-config': async (body) => {
      try {
        return { ok: true, value: await ctx.control.config(body) };
      } catch (e) {
        // A refused setting is an answer for the person, not a failed request.
        if (e instanceof EmulatorControlError && e.status === 400) return { ok: false, error: e.message };
        throw e;
      }
    },
    'GET /preview/emulator-state': async () => ctx.control.state(),
  };
}
