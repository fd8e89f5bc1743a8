/**
 * Names already looked up, in the user cache of the person running the add-on: what one person's access
 * resolved is never read by anyone else's execution. A lookup of any number of ids is one `getAll`, saving the
 * new results one `putAll` (see the shard layout in domain/name-resolution.ts). The cache is best effort: when it
 * is unavailable or refuses a call, names are simply looked up again.
 */

import {
  cachedResolution,
  isCacheable,
  parseShard,
  type Shard,
  shardKey,
  shardKeysFor,
  shardOf,
  updatedShard,
} from '../domain/name-cache-shards';
import type { Resolution } from '../domain/name-resolution';

/** The cache's longest expiry (6 hours); each entry also carries its own age. */
const EXPIRY_SECONDS = 21_600;

export class NameCache {
  private readonly shards = new Map<string, Shard>();

  constructor(private readonly cache: GoogleAppsScript.Cache.Cache | null) {}

  static forUser(): NameCache {
    let cache: GoogleAppsScript.Cache.Cache | null = null;
    try {
      cache = CacheService.getUserCache();
    } catch {
      // No cache in this context: every name is looked up.
    }
    return new NameCache(cache);
  }

  /** The cached resolutions of these ids (found people and known unknowns), in one cache call. */
  lookup(ids: readonly string[], nowMs: number): Map<string, Resolution> {
    const hits = new Map<string, Resolution>();
    if (!this.cache || ids.length === 0) return hits;
    const keys = shardKeysFor(ids);
    let values: Record<string, unknown> = {};
    try {
      values = this.cache.getAll(keys) as Record<string, unknown>;
    } catch {
      // Unreadable now: look everything up, and do not overwrite shards whose contents are unknown.
      return hits;
    }
    for (const key of keys) {
      const raw = values[key];
      this.shards.set(key, parseShard(typeof raw === 'string' ? raw : null));
    }
    for (const id of ids) {
      const hit = cachedResolution(this.shards.get(shardKey(shardOf(id))) ?? {}, id, nowMs);
      if (hit) hits.set(id, hit);
    }
    return hits;
  }

  /** Saves new results (found people and ids the directory does not know) in one cache call. */
  store(results: ReadonlyMap<string, Resolution>, nowMs: number): void {
    if (!this.cache) return;
    const byShard = new Map<string, Map<string, Resolution>>();
    for (const [id, resolution] of results) {
      if (!isCacheable(resolution)) continue;
      const key = shardKey(shardOf(id));
      if (!this.shards.has(key)) continue; // never read: writing it would drop what it holds
      let group = byShard.get(key);
      if (!group) {
        group = new Map();
        byShard.set(key, group);
      }
      group.set(id, resolution);
    }
    if (byShard.size === 0) return;
    const values: Record<string, string> = {};
    for (const [key, group] of byShard) values[key] = updatedShard(this.shards.get(key) ?? {}, group, nowMs);
    try {
      this.cache.putAll(values, EXPIRY_SECONDS);
    } catch {
      // Best effort: the names are in the sheet; the next load looks them up again.
    }
  }
}
