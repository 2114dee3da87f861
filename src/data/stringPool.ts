/**
 * One shared string per distinct value. A big corpus repeats the same tokens
 * and tags millions of times; keeping one copy of each instead of millions of
 * small strings saves memory and most of the garbage collector's time.
 */
export class StringPool {
  private readonly strings = new Map<string, string>();

  intern(value: string): string {
    const shared = this.strings.get(value);
    if (shared !== undefined) return shared;
    this.strings.set(value, value);
    return value;
  }
}
