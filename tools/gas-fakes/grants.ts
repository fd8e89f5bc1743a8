/**
 * What each user has authorised: all the scopes the script declares (the default), only some of them (granular
 * consent, `sim.grantOnly`), or the old set after a new version asked for more (`sim.addScopes`), in which case their
 * triggers stop until they authorise again (`sim.authorize`).
 */

export class ScopeGrants {
  /** Scopes a newer version of the script added to the manifest's. */
  readonly added: string[] = [];
  /** email → the scopes that user granted; absent: every declared scope. */
  private readonly partial = new Map<string, Set<string>>();
  private readonly pending = new Set<string>();

  constructor(private readonly manifestScopes: () => readonly string[] | undefined) {}

  /** Every scope the current version of the script asks for. */
  declared(): string[] {
    return [...(this.manifestScopes() ?? []), ...this.added];
  }

  /** A new version asks for more scopes; with `reauthorize`, each of `users` keeps only what they had granted. */
  addScopes(scopes: readonly string[], reauthorize: boolean, users: readonly string[]): void {
    const before = this.declared();
    const fresh = scopes.filter((s) => !before.includes(s));
    if (fresh.length === 0) return;
    this.added.push(...fresh);
    if (!reauthorize) return;
    for (const email of users) {
      if (!this.partial.has(email)) this.partial.set(email, new Set(before));
      this.pending.add(email);
    }
  }

  /** The person went through the authorisation dialog: every declared scope is granted. */
  authorize(email: string): void {
    this.partial.delete(email);
    this.pending.delete(email);
  }

  grantOnly(email: string, scopes: readonly string[]): void {
    this.partial.set(email, new Set(scopes));
  }

  /** True between a scope change and the person's next authorisation: their triggers do not run. */
  needsReauthorization(email: string): boolean {
    return this.pending.has(email);
  }

  /**
   * Whether a call needing any one of `scopes` may go ahead for `email` (the manifest check comes first, so only a
   * partial grant can refuse it; this runs on every service call, so it allocates nothing in the common case).
   */
  grantsAny(email: string, scopes: readonly string[]): boolean {
    const granted = this.partial.get(email);
    return granted === undefined || scopes.length === 0 || scopes.some((s) => granted.has(s));
  }

  /** The scopes of `scopes` that `email` has not granted (undeclared ones count as not granted when a manifest exists). */
  missing(email: string, scopes: readonly string[]): string[] {
    const granted = this.partial.get(email);
    if (granted) return scopes.filter((s) => !granted.has(s));
    if (this.manifestScopes() === undefined) return [];
    const declared = this.declared();
    return scopes.filter((s) => !declared.includes(s));
  }
}
