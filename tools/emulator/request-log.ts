/** The emulator's request log: what each API call asked and was answered, bounded so memory stays flat in soaks. */

export interface RequestLogEntry {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** The authenticated user (`users/{id}`; for app authentication the app's user), never the token. */
  principal: string | null;
  status: number;
  time: string;
  durationMs: number;
  /** Set when a fault was injected: `after` means the write was applied and its answer replaced. */
  fault?: 'before' | 'after';
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;

  /** Most recent `limit` entries are kept; older ones are dropped. */
  constructor(private readonly limit: number) {}

  nextSeq(): number {
    return ++this.seq;
  }

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  all(): readonly RequestLogEntry[] {
    return this.entries;
  }

  since(seq: number): RequestLogEntry[] {
    return this.entries.filter((e) => e.seq > seq);
  }

  clear(): void {
    this.entries = [];
  }
}
