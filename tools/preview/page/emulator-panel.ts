/** The Chat API emulator panel: its request log (polled) and its latency and fault settings. */

import type { EmulatorSettings, LoggedRequest } from '../protocol';
import { api, guard, type Outcome } from './api';
import { clockTime, el, showNote } from './dom';
import { state } from './state';
import { ui } from './ui';

const REQUEST_POLL_MS = 700;
const REQUESTS_KEPT = 300;

export async function pollRequests(): Promise<void> {
  try {
    const reply = await api<{ requests: LoggedRequest[] }>('GET', `/preview/requests?since=${state.requestsSince}`);
    const last = reply.requests[reply.requests.length - 1];
    if (last) {
      state.requestsSince = last.seq;
      state.requests = [...reply.requests.slice().reverse(), ...state.requests].slice(0, REQUESTS_KEPT);
      renderRequests();
    }
  } catch {
    // The state poll shows the banner.
  }
  setTimeout(pollRequests, REQUEST_POLL_MS);
}

export function renderRequests(): void {
  const body = ui.requests.tBodies[0];
  if (!body) return;
  body.replaceChildren(
    ...state.requests.map((r) => {
      const query = new URLSearchParams(r.query).toString();
      return el(
        'tr',
        { className: r.status >= 400 ? 'failed' : '' },
        el('td', { text: String(r.seq) }),
        el('td', { text: clockTime(r.time) }),
        el('td', { text: r.method }),
        el('td', { text: query ? `${r.path}?${query}` : r.path, className: 'path' }),
        el('td', { text: r.principal ?? '' }),
        el('td', { text: String(r.status) }),
        el('td', { text: String(r.durationMs) }),
        el('td', { text: r.fault ?? '' }),
      );
    }),
  );
  if (state.requests.length === 0)
    body.append(el('tr', {}, el('td', { text: 'No Chat API request yet.', attrs: { colspan: '8' } })));
}

export async function loadEmulatorSettings(): Promise<void> {
  const reply = await api<{ ok: boolean; value: EmulatorSettings }>('GET', '/preview/emulator-config');
  const config = reply.value;
  ui.latency.value = String(config.latencyMs);
  ui.faultRate.value = String(Math.round(config.faults.rate * 1000) / 10);
  ui.faultStatuses.value = config.faults.statuses.join(', ');
  ui.faultSeed.value = String(config.faults.seed);
  ui.faultMode.value = config.faults.mode;
  ui.speed.value = String(config.timeScale);
}

async function applySettings(): Promise<void> {
  const statuses = ui.faultStatuses.value
    .split(/[\s,]+/)
    .filter((s) => s !== '')
    .map(Number);
  const result = await api<Outcome>('POST', '/preview/emulator-config', {
    latencyMs: Number(ui.latency.value || 0),
    faults: {
      rate: Number(ui.faultRate.value || 0) / 100,
      statuses,
      seed: Number(ui.faultSeed.value || 0),
      mode: ui.faultMode.value,
    },
  });
  showNote(ui.emulatorNote, result.ok ? 'Emulator settings applied.' : `Not applied: ${result.error}`, !result.ok);
}

export function wireEmulatorPanel(): void {
  ui.emulatorForm.addEventListener('submit', (event) => {
    event.preventDefault();
    guard(applySettings(), ui.emulatorNote);
  });
  ui.clearLog.addEventListener('click', () => {
    guard(
      api('DELETE', '/preview/requests').then(() => {
        state.requests = [];
        renderRequests();
      }),
      ui.emulatorNote,
    );
  });
}
