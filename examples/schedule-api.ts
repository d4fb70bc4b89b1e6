/**
 * Using the schedule engine from code: `npx tsx examples/schedule-api.ts`.
 */
import {
  buildRoster,
  designShifts,
  highsSolver,
  parseShiftSpec,
  verifySchedule,
  buildShiftModel,
} from "staffcast/schedule";

// Agents required per hour on Monday 2025-01-06, 08:00-18:00 UTC.
const perHour = [3, 5, 6, 6, 4, 4, 6, 6, 5, 3];
const requirements = perHour.map((required, h) => ({
  startMs: Date.UTC(2025, 0, 6, 8 + h),
  required,
}));

// Eight-hour shifts starting 08:00-10:00 with an unpaid lunch, and four-hour part-time shifts.
const spec = parseShiftSpec({
  intervalMinutes: 60,
  coverage: "hard",
  shifts: [
    {
      name: "day",
      startEarliest: "08:00",
      startLatest: "10:00",
      lengthMinutes: 480,
      breaks: [
        {
          kind: "meal",
          durationMinutes: 60,
          earliestAfterStartMinutes: 180,
          latestBeforeEndMinutes: 180,
          paid: false,
        },
      ],
    },
    {
      name: "part",
      startEarliest: "08:00",
      startLatest: "14:00",
      lengthMinutes: 240,
      costPerHour: 1.2,
    },
  ],
});

const schedule = await designShifts(requirements, spec);
console.log(`schedule: ${schedule.status}, cost ${schedule.objective}`);
// Times are UTC epoch milliseconds: HH:MM of the (UTC) clock for people.
const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 16);
for (const s of schedule.shifts) {
  const lunches = s.breaks.map((b) => `${b.count} at ${clock(b.startMs)}`).join(", ");
  console.log(`  ${s.count} x ${s.name} ${clock(s.startMs)}-${clock(s.endMs)} ${lunches}`);
}
// Every schedule can be checked independently: coverage, break windows, objective.
console.log(
  `verified: ${verifySchedule(schedule, buildShiftModel(requirements, spec)).length === 0}`,
);

// Nine named agents for the nine shifts (one shift a day each), 40 hours a week at most.
const agents = ["ana", "ben", "cleo", "dev", "eli", "fay", "gus", "hana", "ivo"].map((id) => ({
  id,
  maxHoursWeek: 40,
}));
const roster = await buildRoster(schedule, spec, { agents }, highsSolver, {
  timeLimitSeconds: 10,
  relativeGap: 1e-6,
});
console.log(`roster: ${roster.status}, ${roster.shortfalls.length} shifts unfilled`);
for (const seg of roster.segments.slice(0, 3)) {
  console.log(
    `  ${seg.agentId} ${new Date(seg.startMs).toISOString()} ${new Date(seg.endMs).toISOString()} ${seg.activity}`,
  );
}
