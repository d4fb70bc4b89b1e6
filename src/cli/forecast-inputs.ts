/**
 * The CSV inputs of `staffcast forecast` and `staffcast backtest`: history, ad log, holidays and
 * overrides, validated with the file, line and column of every bad cell.
 */
import type { AdRow, HistoryInterval, Holiday, Override } from "../forecast/index.ts";
import { missingColumns, parseCsv, type CsvTable } from "../io/csv.ts";
import { IssueList, type DataIssue } from "../io/errors.ts";
import type { TableRead } from "../io/table-read.ts";
import { inputName, readText, type Streams } from "../io/files.ts";
import { identifierProblem } from "../io/identifiers.ts";
import { parseNumberCell, readIntervalColumns } from "../io/interval-table.ts";
import { parseInstant } from "../time/instant.ts";
import { parseDay } from "../time/zone.ts";

async function table(path: string, streams: Streams): Promise<{ file: string; table: CsvTable }> {
  const file = inputName(path);
  return { file, table: parseCsv(await readText(path, streams), file) };
}

/** A parsed input: its rows and the table they came from (to locate later errors). */
export type Input<T> = TableRead<T>;

/** History: `start,queue,calls[,aht_s]`. */
export async function readHistory(path: string, streams: Streams): Promise<Input<HistoryInterval>> {
  const t = await table(path, streams);
  const columns = readIntervalColumns(t.table, t.file);
  const rows: HistoryInterval[] = [];
  for (let i = 0; i < columns.calls.length; i++) {
    const aht = columns.ahtSeconds[i]!;
    rows.push({
      queue: columns.queue[i]!,
      startMs: columns.startMs[i]!,
      calls: columns.calls[i]!,
      ...(Number.isNaN(aht) ? {} : { ahtSeconds: aht }),
    });
  }
  return { ...t, rows, warnings: [] };
}

/** An issue about the cell of record `r`, column `c` (both 0-based). */
function cellIssue(
  t: { file: string; table: CsvTable },
  r: number,
  c: number,
  field: string,
  message: string,
): DataIssue {
  return {
    file: t.file,
    line: t.table.line(r),
    column: c + 1,
    field,
    message,
    value: t.table.cell(r, c),
  };
}

/** Column indexes by name, with "missing column" issues for the required ones. */
function columnsOf(
  t: { file: string; table: CsvTable },
  required: readonly string[],
  issues: IssueList,
): (name: string) => number {
  for (const issue of missingColumns(t.table, t.file, required)) issues.add(issue);
  return (name) => t.table.column(name);
}

/** Reports a name that must not go into a CSV output as it is (see identifiers.ts). */
function nameCheck(
  c: number,
  field: string,
  name: string,
  bad: (c: number, field: string, message: string) => void,
): void {
  const problem = identifierProblem(name);
  if (problem !== undefined) bad(c, field, problem);
}

/** Ad log: `air_time,channel[,queue][,grp][,duration_s][,planned_time]`. */
export async function readAds(path: string, streams: Streams): Promise<Input<AdRow>> {
  const t = await table(path, streams);
  const issues = new IssueList();
  const col = columnsOf(t, ["air_time", "channel"], issues);
  issues.throwIfAny(t.file);
  const [iAir, iChannel, iQueue, iGrp, iDuration, iPlanned] = [
    col("air_time"),
    col("channel"),
    col("queue"),
    col("grp"),
    col("duration_s"),
    col("planned_time"),
  ];
  const rows: AdRow[] = [];
  for (let r = 0; r < t.table.length; r++) {
    const bad = (c: number, field: string, message: string): void => {
      issues.add(cellIssue(t, r, c, field, message));
    };
    const air = parseInstant(t.table.cell(r, iAir));
    if (typeof air === "string") bad(iAir, "air_time", air);
    const channel = t.table.cell(r, iChannel);
    if (channel === "") bad(iChannel, "channel", "expected a channel name");
    else nameCheck(iChannel, "channel", channel, bad);
    let grp: number | undefined;
    if (iGrp >= 0 && t.table.cell(r, iGrp) !== "") {
      grp = parseNumberCell(t.table.cell(r, iGrp));
      if (grp === undefined || !(grp >= 0 && grp <= 10_000))
        bad(iGrp, "grp", "expected a number from 0 to 10000");
    }
    let duration: number | undefined;
    if (iDuration >= 0 && t.table.cell(r, iDuration) !== "") {
      duration = parseNumberCell(t.table.cell(r, iDuration));
      if (duration === undefined || !(duration > 0 && duration <= 86_400)) {
        bad(iDuration, "duration_s", "expected a number of seconds above 0, at most 86400");
      }
    }
    let planned: number | string | undefined;
    if (iPlanned >= 0 && t.table.cell(r, iPlanned) !== "") {
      planned = parseInstant(t.table.cell(r, iPlanned));
      if (typeof planned === "string") bad(iPlanned, "planned_time", planned);
    }
    const queue = iQueue >= 0 ? t.table.cell(r, iQueue) : "";
    if (queue !== "") nameCheck(iQueue, "queue", queue, bad);
    if (issues.size > 0) continue;
    rows.push({
      airMs: air as number,
      channel,
      ...(queue === "" ? {} : { queue }),
      ...(grp === undefined ? {} : { grp }),
      ...(duration === undefined ? {} : { durationSeconds: duration }),
      ...(typeof planned === "number" ? { plannedMs: planned } : {}),
    });
  }
  issues.throwIfAny(t.file);
  return { ...t, rows, warnings: [] };
}

/** Holidays: `date[,name]`. */
export async function readHolidays(path: string, streams: Streams): Promise<Input<Holiday>> {
  const t = await table(path, streams);
  const issues = new IssueList();
  const col = columnsOf(t, ["date"], issues);
  issues.throwIfAny(t.file);
  const iDate = col("date");
  const iName = col("name");
  const rows: Holiday[] = [];
  for (let r = 0; r < t.table.length; r++) {
    const text = t.table.cell(r, iDate);
    const day = parseDay(text);
    if (typeof day === "string") {
      issues.add(cellIssue(t, r, iDate, "date", day));
      continue;
    }
    const name = iName >= 0 ? t.table.cell(r, iName) : "";
    rows.push({ date: text, ...(name === "" ? {} : { name }) });
  }
  issues.throwIfAny(t.file);
  return { ...t, rows, warnings: [] };
}

/** Overrides: `start,end[,queue],factor|calls` (factor 0 to 100, calls 0 to 1e7 a row). */
export async function readOverrides(path: string, streams: Streams): Promise<Input<Override>> {
  const t = await table(path, streams);
  const issues = new IssueList();
  const col = columnsOf(t, ["start", "end"], issues);
  const iFactor = col("factor");
  const iCalls = col("calls");
  if (iFactor < 0 && iCalls < 0) {
    issues.add({
      file: t.file,
      line: 1,
      message: `expected a "factor" or a "calls" column (columns: ${t.table.header.join(",")})`,
    });
  }
  issues.throwIfAny(t.file);
  const [iStart, iEnd, iQueue] = [col("start"), col("end"), col("queue")];
  const rows: Override[] = [];
  for (let r = 0; r < t.table.length; r++) {
    const at = (c: number, field: string, message: string): DataIssue =>
      cellIssue(t, r, c, field, message);
    const start = parseInstant(t.table.cell(r, iStart));
    if (typeof start === "string") issues.add(at(iStart, "start", start));
    const end = parseInstant(t.table.cell(r, iEnd));
    if (typeof end === "string") issues.add(at(iEnd, "end", end));
    else if (typeof start === "number" && end <= start) {
      issues.add(at(iEnd, "end", "must be after start"));
    }
    const factorText = iFactor >= 0 ? t.table.cell(r, iFactor) : "";
    const callsText = iCalls >= 0 ? t.table.cell(r, iCalls) : "";
    let factor: number | undefined;
    let calls: number | undefined;
    if (factorText !== "" && callsText !== "") {
      issues.add(at(iFactor, "factor", "give a factor or calls, not both"));
    } else if (factorText !== "") {
      factor = parseNumberCell(factorText);
      if (factor === undefined || !(factor >= 0 && factor <= 100))
        issues.add(at(iFactor, "factor", "expected a number from 0 to 100"));
    } else if (callsText !== "") {
      calls = parseNumberCell(callsText);
      if (calls === undefined || !(calls >= 0 && calls <= 1e7))
        issues.add(at(iCalls, "calls", "expected a number from 0 to 1e7"));
    } else {
      issues.add(
        at(
          iFactor >= 0 ? iFactor : iCalls,
          iFactor >= 0 ? "factor" : "calls",
          "expected a factor or calls",
        ),
      );
    }
    const queue = iQueue >= 0 ? t.table.cell(r, iQueue) : "";
    if (queue !== "") {
      const problem = identifierProblem(queue);
      if (problem !== undefined) issues.add(at(iQueue, "queue", problem));
    }
    if (issues.size > 0) continue;
    rows.push({
      startMs: start as number,
      endMs: end as number,
      ...(queue === "" ? {} : { queue }),
      ...(factor === undefined ? {} : { factor }),
      ...(calls === undefined ? {} : { calls }),
    });
  }
  issues.throwIfAny(t.file);
  return { ...t, rows, warnings: [] };
}
