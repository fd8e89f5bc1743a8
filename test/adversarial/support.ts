/** Shared set-up of the adversarial suites: who is who in the demo seed, and what the log and rows say. */

import { type EmulatorRequest, type Harness, rowOfKey, sheetValues } from '../support/harness';

export const ADA = 'ada.admin@example.com';
export const LAUNCH = 'Launch team';
export const FINANCE = 'Finance';
export const key = (space: string, id: number) => `spaces/AAAA${space}/members/${id}`;
export const ALICE_ID = 1001;
export const BOB_ID = 1002;
export const CAROL_ID = 1003;
export const DAN_ID = 1004;

/** Every PATCH the emulator received (answered or not). */
export async function writes(h: Harness): Promise<EmulatorRequest[]> {
  return (await h.control.requests()).filter((r) => r.method === 'PATCH');
}

/** The row (1-based) showing this membership, by its hidden key (the add-on's own identity of the row). */
export const row = (h: Harness, title: string, membership: string) => rowOfKey(h, title, membership);

export function cells(h: Harness, title: string, rowNumber: number): string[] {
  return sheetValues(h, title)[rowNumber - 1] ?? [];
}

export const status = (h: Harness, title: string, rowNumber: number) => cells(h, title, rowNumber)[5] ?? '';

/** The last confirmation the person was shown. */
export function lastDialog(h: Harness): { title: string; prompt: string; buttons: string } {
  const d = h.env.sim.ui.dialogs.at(-1) as { title?: string; prompt?: string; buttons?: unknown } | undefined;
  return { title: d?.title ?? '', prompt: d?.prompt ?? '', buttons: String(d?.buttons ?? '') };
}

export function loadAs(h: Harness, who: string, space: string, options: { admin?: boolean; live?: boolean } = {}) {
  h.env.sim.as(who, () => {
    h.bundle.run('loadSpace', space, options.admin ? { admin: true } : {});
    if (options.live) h.bundle.run('setLiveEditing', true);
  });
}

export function apply(h: Harness, who: string, answer: 'YES' | 'NO' | 'CANCEL', whileOpen?: () => void): unknown {
  h.env.sim.ui.answerAlert(answer, whileOpen ? { whileOpen } : undefined);
  return h.env.sim.as(who, () => h.bundle.clickMenu('Apply pending role changes'));
}
