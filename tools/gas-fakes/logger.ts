/** Logger and console: every line is recorded (env.logs) with the execution and user it came from. */

import { format } from 'node:util';
import { asApi, type FakeSpec } from './fake';
import type { LogEntry, Runtime } from './runtime';

const LOGGER_API = ['clear', 'getLog', 'log'] as const satisfies readonly (keyof GoogleAppsScript.Base.Logger)[];

export class FakeLogger implements Pick<GoogleAppsScript.Base.Logger, (typeof LOGGER_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'Logger', methods: LOGGER_API };
  private lines: string[] = [];
  constructor(private readonly runtime: Runtime) {}

  /** Logger.log(data) or Logger.log(format, ...values) with %s-style placeholders. */
  log(data: unknown, ...values: unknown[]): GoogleAppsScript.Base.Logger {
    const message = values.length > 0 && typeof data === 'string' ? format(data, ...values) : stringify(data);
    this.lines.push(message);
    this.runtime.log('Logger', message);
    return asApi(this);
  }
  getLog(): string {
    return this.lines.join('\n');
  }
  clear(): void {
    this.lines = [];
  }
}

type Level = Exclude<LogEntry['level'], 'Logger'>;
const CONSOLE_API = ['error', 'info', 'log', 'warn', 'time', 'timeEnd'] as const satisfies readonly (keyof Console)[];

export class FakeConsole implements Pick<Console, (typeof CONSOLE_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'console', methods: CONSOLE_API };
  private readonly timers = new Map<string, number>();
  constructor(private readonly runtime: Runtime) {}

  log(...args: unknown[]): void {
    this.write('log', args);
  }
  info(...args: unknown[]): void {
    this.write('info', args);
  }
  warn(...args: unknown[]): void {
    this.write('warn', args);
  }
  error(...args: unknown[]): void {
    this.write('error', args);
  }
  time(label = 'default'): void {
    this.timers.set(String(label), this.runtime.clock.now());
  }
  timeEnd(label = 'default'): void {
    const started = this.timers.get(String(label));
    if (started === undefined) return;
    this.timers.delete(String(label));
    this.write('log', [`${label}: ${this.runtime.clock.now() - started}ms`]);
  }

  private write(level: Level, args: unknown[]): void {
    this.runtime.log(level, format(...args));
  }
}

function stringify(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data !== null && typeof data === 'object') {
    try {
      return JSON.stringify(data);
    } catch {
      return String(data);
    }
  }
  return String(data);
}
