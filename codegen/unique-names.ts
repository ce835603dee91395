/**
 * Hands out names in one namespace so that none is given twice. Callers claim in a sorted, stable
 * order, so the same spec always gets the same names: the first claimant of a name keeps it, later
 * ones take their next candidate, and when every candidate is taken, the first one with the lowest
 * free numeric suffix (`name2`, `name3`, …).
 */
export class NameAllocator {
  private readonly taken: Set<string>;

  constructor(reserved: Iterable<string> = []) {
    this.taken = new Set(reserved);
  }

  /**
   * The first candidate that is free, together with every name `derived` makes of it (a type
   * name's `Input`, `Result`, `Error`), all of which are then taken.
   */
  claim(candidates: string[], derived: (name: string) => string[] = (name) => [name]): string {
    const free = (name: string) => derived(name).every((each) => !this.taken.has(each));
    let chosen = [...new Set(candidates)].find(free);
    for (let suffix = 2; chosen === undefined; suffix += 1) {
      if (free(`${candidates[0]}${suffix}`)) chosen = `${candidates[0]}${suffix}`;
    }
    for (const each of derived(chosen)) this.taken.add(each);
    return chosen;
  }
}
