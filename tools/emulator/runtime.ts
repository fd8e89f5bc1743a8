/** Everything one emulator instance holds between requests: state, config, clock, quotas, faults and the log. */

import { ScaledClock } from './clock';
import { DEFAULT_CONFIG, type EmulatorConfig, type EmulatorConfigInput, mergeConfig } from './config';
import { FaultInjector } from './faults';
import { QuotaTracker } from './quotas';
import { RequestLog } from './request-log';
import { ChatState } from './state';

export class EmulatorRuntime {
  state: ChatState;
  config: EmulatorConfig;
  readonly clock = new ScaledClock();
  readonly quotas: QuotaTracker;
  readonly faults: FaultInjector;
  readonly log: RequestLog;

  constructor(seed: unknown, config: EmulatorConfigInput | undefined, logLimit: number) {
    this.state = ChatState.fromSeed(seed);
    this.config = mergeConfig(DEFAULT_CONFIG, config ?? {});
    this.clock.timeScale = this.config.timeScale;
    this.quotas = new QuotaTracker(this.config.quotas, this.clock.now);
    this.faults = new FaultInjector(this.config.faults);
    this.log = new RequestLog(logLimit);
  }

  /** A new world: the seed's state, fresh quota windows and an empty log; the config stays. */
  reset(seed: unknown): void {
    this.state = ChatState.fromSeed(seed);
    this.quotas.configure(this.config.quotas);
    this.log.clear();
  }

  /** Merges a partial config (validated first, so a bad one changes nothing). */
  configure(partial: unknown): EmulatorConfig {
    this.config = mergeConfig(this.config, partial);
    this.clock.timeScale = this.config.timeScale;
    this.quotas.configure(this.config.quotas);
    this.faults.configure(this.config.faults);
    return this.config;
  }
}
