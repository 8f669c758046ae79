// Failed sign-ins per email, on top of the per-IP route limit: guessing one person's password from
// many addresses is stopped too. Kept in memory per process, as the per-IP limit is.
export type LoginLimiter = {
  /** Throws-free check: seconds until the email may try again, or 0. */
  retryAfter(email: string, now?: number): number;
  fail(email: string, now?: number): void;
  succeed(email: string): void;
};

export function createLoginLimiter(options: { maxFailures: number; windowMs: number }): LoginLimiter {
  const failures = new Map<string, number[]>();
  const recent = (email: string, now: number) => {
    const kept = (failures.get(email) ?? []).filter((t) => now - t < options.windowMs);
    if (kept.length === 0) failures.delete(email);
    else failures.set(email, kept);
    return kept;
  };
  return {
    retryAfter(email, now = Date.now()) {
      const kept = recent(email.toLowerCase(), now);
      if (kept.length < options.maxFailures) return 0;
      return Math.ceil((kept[0]! + options.windowMs - now) / 1000);
    },
    fail(email, now = Date.now()) {
      const key = email.toLowerCase();
      // Bounded memory under a spray of random emails: forget the oldest entries first.
      if (failures.size > 50_000) failures.delete(failures.keys().next().value!);
      failures.set(key, [...recent(key, now), now]);
    },
    succeed(email) {
      failures.delete(email.toLowerCase());
    },
  };
}
