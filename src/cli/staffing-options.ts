/**
 * The staffing flags shared by `erlang` and `requirements`, and their translation into a
 * library staffing policy.
 */
import { Option, type Command } from "commander";
import type { ServiceLevelDefinition, StaffingPolicy, StaffingTargets } from "../erlang/index.ts";
import { UsageError } from "../io/errors.ts";
import { STAFFING_LIMITS } from "../erlang/limits.ts";
import { capFraction, inside, serviceLevelFraction, shrinkageFraction } from "./flags.ts";

/** Parsed values of the shared staffing flags. */
export interface StaffingFlags {
  sl?: number;
  slSeconds?: number;
  asa?: number;
  maxOccupancy?: number;
  maxAbandon?: number;
  shrinkage?: number;
  patience?: number;
  slDefinition?: ServiceLevelDefinition;
}

/** Adds the staffing flags to a command. */
export function addStaffingOptions(cmd: Command): Command {
  return cmd
    .option(
      "--sl <fraction>",
      "service-level target: this fraction answered within --sl-seconds",
      serviceLevelFraction,
    )
    .option(
      "--sl-seconds <s>",
      "T of the service level, seconds (default 20)",
      inside(STAFFING_LIMITS.slSeconds),
    )
    .option(
      "--asa <s>",
      "maximum average speed of answer over all calls, seconds",
      inside(STAFFING_LIMITS.asaSeconds),
    )
    .option("--max-occupancy <f>", "maximum agent occupancy, fraction 0.01 to 1", capFraction)
    .option(
      "--max-abandon <f>",
      "maximum abandonment rate, fraction 0.01 to 1 (needs --patience)",
      capFraction,
    )
    .option(
      "--shrinkage <f>",
      "share of paid time not on the phones, fraction 0 to 0.99",
      shrinkageFraction,
    )
    .option(
      "--patience <s>",
      "mean caller patience, seconds (1 to 1e7): switches to Erlang A (abandonment)",
      inside(STAFFING_LIMITS.patienceSeconds),
    )
    .addOption(
      new Option(
        "--sl-definition <name>",
        "Erlang A service level: answered in time over ...",
      ).choices(["offered", "answered", "excludeShortAbandons", "virtualWait"]),
    );
}

/**
 * The library policy for the flags. With no target flag at all the default target is
 * 80 % answered within --sl-seconds (20 s).
 *
 * @throws UsageError for combinations that make no sense
 */
export function policyFromFlags(flags: StaffingFlags, minAgents?: number): StaffingPolicy {
  if (flags.maxAbandon !== undefined && flags.patience === undefined) {
    throw new UsageError(
      "--max-abandon needs --patience (Erlang A): under Erlang C nobody abandons",
    );
  }
  if (flags.slDefinition !== undefined && flags.patience === undefined) {
    throw new UsageError(
      "--sl-definition needs --patience (Erlang A): without abandonment all definitions agree",
    );
  }
  const slSeconds = flags.slSeconds ?? 20;
  const targets: StaffingTargets = {
    ...(flags.sl === undefined ? {} : { serviceLevel: { fraction: flags.sl, seconds: slSeconds } }),
    ...(flags.asa === undefined ? {} : { asaSeconds: flags.asa }),
    ...(flags.maxOccupancy === undefined ? {} : { maxOccupancy: flags.maxOccupancy }),
    ...(flags.maxAbandon === undefined ? {} : { maxAbandonRate: flags.maxAbandon }),
  };
  return {
    targets,
    slSeconds,
    ...(flags.shrinkage === undefined ? {} : { shrinkage: flags.shrinkage }),
    ...(flags.patience === undefined ? {} : { patienceSeconds: flags.patience }),
    ...(flags.slDefinition === undefined ? {} : { slDefinition: flags.slDefinition }),
    ...(minAgents === undefined ? {} : { minAgents }),
  };
}
