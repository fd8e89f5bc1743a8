/** How looked-up names are kept in the user cache, pure: shards, their encoding, lifetimes and size limit. */

import { found, isObject, parseJson, type Resolution, unresolved, userIdOf } from './name-resolution';

/**
 * Names are kept in the user cache in a fixed number of shards (one cache key each) rather than one key per person:
 * an Apps Script cache holds at most 1,000 items and, past that, drops the ones nearest expiry — with a key per
 * person, a space of 2,500 would push out everything else the add-on keeps there (the Chat app's token). A shard
 * is a JSON object `{id: [savedAtMinutes, name, email] | [savedAtMinutes]}`; a lookup of N ids reads the shards
 * they fall in with one getAll, and new results are written back with one putAll.
 */
export const CACHE_SHARDS = 64;
export const CACHE_KEY_PREFIX = 'people.v1.';
/** A name found stays 6 hours (the cache's longest expiry); "not in the directory" only 1 hour. */
export const FOUND_TTL_MS = 6 * 60 * 60 * 1000;
export const NOT_FOUND_TTL_MS = 60 * 60 * 1000;
/** Below the cache's 100 KB per value, counting UTF-8 bytes. */
export const SHARD_MAX_BYTES = 90_000;

type ShardEntry = [number] | [number, string, string];
export type Shard = Record<string, ShardEntry>;

/** FNV-1a over the id: stable across executions, spreads digits evenly. */
export function shardOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % CACHE_SHARDS;
}

export const shardKey = (shard: number): string => `${CACHE_KEY_PREFIX}${shard}`;

/** The cache keys to read for these ids (each once). */
export function shardKeysFor(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => shardKey(shardOf(id))))];
}

const minutes = (ms: number): number => Math.floor(ms / 60_000);

/** A shard's text as entries, malformed ones dropped (the cache is shared with older versions of the add-on). */
export function parseShard(raw: string | null | undefined): Shard {
  const parsed = raw ? parseJson(raw) : undefined;
  const shard: Shard = {};
  if (!isObject(parsed)) return shard;
  for (const [id, value] of Object.entries(parsed)) {
    if (userIdOf(`users/${id}`) !== id || !Array.isArray(value) || typeof value[0] !== 'number') continue;
    if (value.length === 1) shard[id] = [value[0]];
    else if (value.length === 3 && typeof value[1] === 'string' && typeof value[2] === 'string') {
      shard[id] = [value[0], value[1], value[2]];
    }
  }
  return shard;
}

/** A cached resolution still within its lifetime, or undefined. */
export function cachedResolution(shard: Shard, id: string, nowMs: number): Resolution | undefined {
  const entry = shard[id];
  if (!entry) return undefined;
  const age = (minutes(nowMs) - entry[0]) * 60_000;
  if (entry.length === 1) return age < NOT_FOUND_TTL_MS && age >= 0 ? unresolved('not-found') : undefined;
  return age < FOUND_TTL_MS && age >= 0 ? found({ displayName: entry[1], email: entry[2] }) : undefined;
}

/** Whether a result is worth caching: found people, and ids the directory says do not exist. Never transient failures. */
export function isCacheable(resolution: Resolution): boolean {
  return resolution.ok || resolution.reason === 'not-found';
}

function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * A shard's new text: expired entries dropped, the new results added, and the oldest entries dropped while the
 * text is over `maxBytes`.
 */
export function updatedShard(
  shard: Shard,
  results: ReadonlyMap<string, Resolution>,
  nowMs: number,
  maxBytes = SHARD_MAX_BYTES,
): string {
  const now = minutes(nowMs);
  const entries = new Map<string, ShardEntry>();
  for (const [id, entry] of Object.entries(shard)) {
    if (cachedResolution(shard, id, nowMs)) entries.set(id, entry);
  }
  for (const [id, resolution] of results) {
    if (!isCacheable(resolution) || userIdOf(`users/${id}`) !== id) continue;
    entries.delete(id);
    entries.set(id, resolution.ok ? [now, resolution.person.displayName, resolution.person.email] : [now]);
  }
  const ordered = [...entries].sort((a, b) => a[1][0] - b[1][0]);
  let text = JSON.stringify(Object.fromEntries(ordered));
  while (ordered.length > 0 && utf8Bytes(text) > maxBytes) {
    ordered.splice(0, Math.max(1, Math.ceil(ordered.length / 10)));
    text = JSON.stringify(Object.fromEntries(ordered));
  }
  return text;
}
