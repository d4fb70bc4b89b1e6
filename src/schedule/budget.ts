/**
 * A limit shared among the independent parts of a solve. Each part gets a share in proportion
 * to its weight among the parts still to run, so what a part leaves unused flows on to the
 * parts after it; parts that found nothing keep a claim and get a second try with what is
 * left. The units are
 * the caller's: seconds of wall-clock time today, deterministic solver work (iterations,
 * nodes) tomorrow: nothing here reads a clock.
 *
 * @module
 */

/** A budget that hands out shares and takes back what they did not use. */
export class Budget {
  private left: number;

  /** @throws RangeError unless `total` is a number >= 0 */
  constructor(total: number) {
    if (!(total >= 0)) throw new RangeError(`a budget must be a number >= 0, got ${total}`);
    this.left = total;
  }

  /** What is left to hand out. */
  get remaining(): number {
    return this.left;
  }

  /**
   * Hands out a share: `amount`, but never more than what remains (nor less than 0).
   *
   * @returns the share
   */
  take(amount: number): number {
    const share = Math.min(Math.max(0, amount), this.left);
    this.left -= share;
    return share;
  }

  /**
   * Settles a share once its part has run: what it did not use comes back; an overrun (a
   * solver that stopped late) is taken from what remains, which never drops below 0.
   */
  settle(share: number, used: number): void {
    this.left = Math.max(0, this.left + share - Math.max(0, used));
  }
}

/** What one attempt at a part came to. */
export interface Attempt<R> {
  readonly result: R;
  /** Budget the attempt used (measured or reported), settled against its share. */
  readonly used: number;
  /**
   * `done`: the part has its answer; `retry`: it found nothing and may try again with more;
   * `stop`: the whole run ends here (a part proven infeasible, a solver that failed).
   */
  readonly outcome: "done" | "retry" | "stop";
}

/** Options of {@link shareBudget}. */
export interface ShareOptions {
  /** Least share handed out (capped at what remains), e.g. half a second. Default 0. */
  readonly minimumShare?: number;
  /**
   * How many times its weight a part that found nothing claims of what is left, for its
   * second try. Default 2: a retry starts from scratch, so it must run longer than the first
   * attempt to get further.
   */
  readonly retryClaim?: number;
}

/** Outcome of {@link shareBudget}. */
export interface SharedRun<R> {
  /** Each part's last result; undefined for a part that never ran (nothing was left). */
  readonly results: (R | undefined)[];
  /** The part whose attempt stopped the run, if one did. */
  readonly stoppedBy?: number;
}

/**
 * Runs parts one after the other within a budget, in two passes.
 *
 * First pass: each part gets a share of what remains in proportion to its weight among the
 * claims on it: the parts yet to run, and the parts that found nothing so far, which claim
 * `retryClaim` times their weight for their second try. So the unused part of earlier shares
 * flows on to later parts, and a part that fails is sure of a longer second share. Second
 * pass: the parts whose attempt said `retry` share all that is left the same way. Every share
 * is at least `minimumShare` and never more than what remains; a part reached when nothing
 * remains is not run.
 *
 * @param weights - one per part, >= 0 (e.g. the parts' sizes); all 0 means equal shares
 * @param attempt - runs a part with a share and says how it went
 * @example
 * const budget = new Budget(60);
 * const run = await shareBudget([3, 1], budget, async (part, share) => solvePart(part, share));
 */
export async function shareBudget<R>(
  weights: readonly number[],
  budget: Budget,
  attempt: (part: number, share: number) => Promise<Attempt<R>>,
  options: ShareOptions = {},
): Promise<SharedRun<R>> {
  const minimum = options.minimumShare ?? 0;
  const claim = options.retryClaim ?? 2;
  const weight = (part: number): number => Math.max(0, weights[part]!);
  const results: (R | undefined)[] = weights.map(() => undefined);
  let pending = weights.map((_, part) => part);
  for (let pass = 0; pass < 2 && pending.length > 0; pass++) {
    const lastPass = pass === 1;
    // the claims on what remains besides the current part's: parts yet to run in this pass,
    // and (before the last pass) those that failed and wait for another try
    let yetWeight = pending.reduce((sum, part) => sum + weight(part), 0);
    let yetCount = pending.length;
    let failedWeight = 0;
    let failedCount = 0;
    const failed: number[] = [];
    for (const part of pending) {
      yetWeight -= weight(part);
      yetCount--;
      if (!(budget.remaining > 0)) continue;
      const share = budget.take(
        Math.max(
          fairShare(
            budget.remaining,
            weight(part),
            yetWeight + failedWeight,
            yetCount + failedCount,
          ),
          minimum,
        ),
      );
      const a = await attempt(part, share);
      budget.settle(share, a.used);
      results[part] = a.result;
      if (a.outcome === "stop") return { results, stoppedBy: part };
      if (a.outcome === "retry") {
        failed.push(part);
        if (!lastPass) {
          failedWeight += claim * weight(part);
          failedCount++;
        }
      }
    }
    pending = failed;
  }
  return { results };
}

/**
 * A part's share of `remaining` against the other claims on it (their total weight and number):
 * in proportion to the weights, equal when they are all 0, everything when there is no other.
 */
function fairShare(
  remaining: number,
  weight: number,
  othersWeight: number,
  othersCount: number,
): number {
  if (othersCount === 0) return remaining;
  if (weight + othersWeight > 0) return (remaining * weight) / (weight + othersWeight);
  return remaining / (othersCount + 1);
}
