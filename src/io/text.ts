/**
 * Small helpers for messages.
 *
 * @module
 */

/**
 * A count with its noun in the right number.
 *
 * @example
 * plural(1, "agent"); // => "1 agent"
 * plural(3, "agent"); // => "3 agents"
 * plural(2, "agent-day", "agent-days"); // => "2 agent-days"
 */
export function plural(count: number, singular: string, many = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : many}`;
}
