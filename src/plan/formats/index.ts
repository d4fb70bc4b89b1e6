/**
 * The plan's file formats: the configuration file and its inputs, and the plan folder.
 *
 * @module
 */
export {
  inputsOutsideFolder,
  PLAN_INPUT_FIELDS,
  readPlanConfig,
  type PlanConfigOptions,
  type PlanConfigRead,
  type PlanInputFile,
} from "./config-file.ts";
export { readPlanInputs, type PlanInputsRead } from "./inputs.ts";
export {
  formatPlanJson,
  formatPlanRequirementsCsv,
  planFileNames,
  planFolderFiles,
  type PlanFolderInput,
} from "./plan-folder.ts";
export { folderPlanShrinkage } from "./plan-shrinkage.ts";
