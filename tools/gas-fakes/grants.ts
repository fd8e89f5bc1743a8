/**
 * What each user has authorised: all the scopes the script declares (the default), only some of them (granular
 * consent, `sim.grantOnly`), or all but the ones a new version added (`sim.addScopes`), in which case their triggers
 * stop until they authorise again (`sim.authorize`).
 */

export class ScopeGrants {
  /** Scopes a newer version of the script added to the manifest's. */
  readonly added: string[] = [];
  /** email → the only scopes that user granted (granular consent); absent: every declared scope. */
  private readonly partial = new Map<string, Set<string>>();
  /** email → scopes added since that user last authorised: their triggers do not run while any remain. */
  private readonly withheld = new Map<string, Set<string>>();

  constructor(private readonly manifestScopes: () => readonly string[] | undefined) {}

  /** Every scope the current version of the script asks for. */
  declared(): string[] {
    return [...(this.manifestScopes() ?? []), ...this.added];
  }

  /** A new version asks for more scopes; with `reauthorize`, none of `users` has granted them yet. */
  addScopes(scopes: readonly string[], reauthorize: boolean, users: readonly string[]): void {
    const before = this.declared();
    const fresh = scopes.filter((s) => !before.includes(s));
    if (fresh.length === 0) return;
    this.added.push(...fresh);
    if (!reauthorize) return;
    for (const email of users) {
      const pending = this.withheld.get(email) ?? new Set<string>();
      for (const s of fresh) pending.add(s);
      this.withheld.set(email, pending);
    }
  }

  /** The person went through the authorisation dialog: every declared scope is granted. */
  authorize(email: string): void {
    this.partial.delete(email);
    this.withheld.delete(email);
  }

  grantOnly(email: string, scopes: readonly string[]): void {
    this.partial.set(email, new Set(scopes));
  }

  /** True between a scope change and the person's next authorisation: their triggers do not run. */
  needsReauthorization(email: string): boolean {
    return this.withheld.has(email);
  }

  /**
   * Whether a call needing any one of `scopes` may go ahead for `email` (the manifest check comes first, so only a
   * partial or withheld grant can refuse it; this runs on every service call, so it allocates nothing then).
   */
  grantsAny(email: string, scopes: readonly string[]): boolean {
    const granted = this.partial.get(email);
    const withheld = this.withheld.get(email);
    if ((granted === undefined && withheld === undefined) || scopes.length === 0) return true;
    return scopes.some((s) => !withheld?.has(s) && (granted === undefined || granted.has(s)));
  }

  /** The scopes of `scopes` that `email` has not granted (undeclared ones count as not granted when a manifest exists). */
  missing(email: string, scopes: readonly string[]): string[] {
    const granted = this.partial.get(email);
    const withheld = this.withheld.get(email);
    const declared = this.manifestScopes() === undefined ? null : this.declared();
    return scopes.filter((s) => {
      if (withheld?.has(s)) return true;
      if (granted) return !granted.has(s);
      return declared !== null && !declared.includes(s);
    });
  }
}
