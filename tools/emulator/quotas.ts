/**
 * Chat API quotas as token buckets. Google documents the limits (per space: 15 reads/s, 1 write/s; per project:
 * 3000 membership reads/min, 300 membership writes/min, 3000 space reads/min) but not how a "per minute" limit is
 * enforced. We refill each bucket continuously and let it hold at most one second's worth of requests, which is the
 * strictest reading (see ASSUMPTIONS.md): a client that is fast here is fast against Google.
 */

import { ApiError, DirectoryError, errorInfo } from './errors';

export interface QuotaConfig {
  enabled: boolean;
  perSpaceReadsPerSecond: number;
  perSpaceWritesPerSecond: number;
  projectMembershipReadsPerMinute: number;
  projectMembershipWritesPerMinute: number;
  projectSpaceReadsPerMinute: number;
  /** People API reads (people.get, people:batchGet) per minute per user per project. */
  peopleReadsPerMinute: number;
  /** Admin SDK Directory queries per minute per user per project. */
  directoryReadsPerMinute: number;
}

export const DOCUMENTED_QUOTAS: QuotaConfig = {
  enabled: true,
  perSpaceReadsPerSecond: 15,
  perSpaceWritesPerSecond: 1,
  projectMembershipReadsPerMinute: 3000,
  projectMembershipWritesPerMinute: 300,
  projectSpaceReadsPerMinute: 3000,
  // Not documented by Google (community reports from the Cloud console say 90 or 180): see ASSUMPTIONS.md.
  peopleReadsPerMinute: 600,
  // Directory API limits page: "2,400 queries per minute per user per Google Cloud project".
  directoryReadsPerMinute: 2400,
};

export type QuotaKind = 'membershipRead' | 'membershipWrite' | 'spaceRead';
export type UserQuotaKind = 'peopleRead' | 'directoryRead';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

interface Limit {
  key: string;
  perSecond: number;
  metric: string;
  limitName: string;
}

/** Time in seconds as the emulator sees it; a time scale of 10 makes one real second ten emulated ones. */
export type EmulatedClock = () => number;

export class QuotaTracker {
  private buckets = new Map<string, Bucket>();

  constructor(
    private config: QuotaConfig,
    private readonly clock: EmulatedClock,
  ) {}

  configure(config: QuotaConfig): void {
    this.config = config;
    this.buckets.clear();
  }

  get settings(): QuotaConfig {
    return this.config;
  }

  /** Takes one token from every bucket the call draws on, or throws 429 and takes none. */
  charge(kind: QuotaKind, project: string, space: string | undefined): void {
    if (!this.config.enabled) return;
    const limits = this.limitsFor(kind, project, space);
    const now = this.clock();
    const buckets = limits.map((limit) => this.refill(limit, now));
    const empty = limits.findIndex((_, i) => (buckets[i] as Bucket).tokens < 1);
    if (empty >= 0) {
      const limit = limits[empty] as Limit;
      throw new ApiError(
        'RESOURCE_EXHAUSTED',
        `Quota exceeded for quota metric '${limit.metric}' and limit '${limit.limitName}' of service 'chat.googleapis.com' for consumer 'project_number:${project}'.`,
        [
          errorInfo('RATE_LIMIT_EXCEEDED', {
            service: 'chat.googleapis.com',
            quota_metric: `chat.googleapis.com/${limit.metric.toLowerCase().replaceAll(' ', '_')}`,
            quota_limit: limit.limitName,
            consumer: `projects/${project}`,
          }),
        ],
      );
    }
    for (const bucket of buckets) bucket.tokens -= 1;
  }

  /**
   * Takes one token from the caller's per-user bucket of the People or Directory API, or throws that API's
   * over-quota error: People 429 RESOURCE_EXHAUSTED (AIP-193); Directory 403 `userRateLimitExceeded`, as its
   * limits page documents.
   */
  chargeUser(kind: UserQuotaKind, project: string, user: string): void {
    if (!this.config.enabled) return;
    const people = kind === 'peopleRead';
    const limit: Limit = people
      ? {
          key: `u:${project}:${user}:people`,
          perSecond: this.config.peopleReadsPerMinute / 60,
          metric: 'Critical read requests (Contact and Profile Reads)',
          limitName: 'Critical read requests (Contact and Profile Reads) per minute per user',
        }
      : {
          key: `u:${project}:${user}:directory`,
          perSecond: this.config.directoryReadsPerMinute / 60,
          metric: 'Queries',
          limitName: 'Queries per minute per user',
        };
    const bucket = this.refill(limit, this.clock());
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return;
    }
    const service = people ? 'people.googleapis.com' : 'admin.googleapis.com';
    const message = `Quota exceeded for quota metric '${limit.metric}' and limit '${limit.limitName}' of service '${service}' for consumer 'project_number:${project}'.`;
    const info = errorInfo('RATE_LIMIT_EXCEEDED', {
      service,
      quota_metric: people ? 'people.googleapis.com/read_requests' : 'admin.googleapis.com/default',
      quota_limit: people ? 'ReadRequestsPerMinutePerUser' : 'defaultPerMinutePerUser',
      consumer: `projects/${project}`,
    });
    if (people) throw new ApiError('RESOURCE_EXHAUSTED', message, [info]);
    throw new DirectoryError(
      'PERMISSION_DENIED',
      message,
      [{ message, domain: 'usageLimits', reason: 'userRateLimitExceeded' }],
      true,
      [info],
    );
  }

  private refill(limit: Limit, now: number): Bucket {
    const capacity = Math.max(1, limit.perSecond);
    let bucket = this.buckets.get(limit.key);
    if (!bucket) {
      bucket = { tokens: capacity, updatedAt: now };
      this.buckets.set(limit.key, bucket);
    }
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * limit.perSecond);
    bucket.updatedAt = now;
    return bucket;
  }

  private limitsFor(kind: QuotaKind, project: string, space: string | undefined): Limit[] {
    const c = this.config;
    const limits: Limit[] = [];
    if (kind === 'membershipWrite') {
      limits.push({
        key: `p:${project}:mw`,
        perSecond: c.projectMembershipWritesPerMinute / 60,
        metric: 'Membership write requests',
        limitName: 'Membership write requests per minute per project',
      });
    } else if (kind === 'membershipRead') {
      limits.push({
        key: `p:${project}:mr`,
        perSecond: c.projectMembershipReadsPerMinute / 60,
        metric: 'Membership read requests',
        limitName: 'Membership read requests per minute per project',
      });
    } else {
      limits.push({
        key: `p:${project}:sr`,
        perSecond: c.projectSpaceReadsPerMinute / 60,
        metric: 'Space read requests',
        limitName: 'Space read requests per minute per project',
      });
    }
    if (space) {
      const write = kind === 'membershipWrite';
      limits.push({
        key: `s:${space}:${write ? 'w' : 'r'}`,
        perSecond: write ? c.perSpaceWritesPerSecond : c.perSpaceReadsPerSecond,
        metric: write ? 'Write requests per space' : 'Read requests per space',
        limitName: write ? 'Write requests per second per space' : 'Read requests per second per space',
      });
    }
    return limits;
  }
}
