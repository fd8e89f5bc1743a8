/**
 * Every string the fakes stored or printed, in order, append-only: a leak is a leak even if the product overwrote the
 * cell later (Sheets keeps version history; logs are kept by Google). Tests scan it for tokens.
 */

export interface RecordedText {
  /** Where the text went, e.g. `cell Members!B7`, `property document:key`, `toast`. */
  source: string;
  text: string;
}

export class Recorder {
  readonly entries: RecordedText[] = [];

  record(source: string, value: unknown): void {
    if (typeof value === 'string') {
      if (value !== '') this.entries.push({ source, text: value });
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      this.entries.push({ source, text: String(value) });
    }
  }

  texts(): string[] {
    return this.entries.map((e) => e.text);
  }
}
