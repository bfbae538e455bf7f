import type { ConstraintMap } from '../common/errors/error-codes';

/** Codes of the indicators module's errors (chỉ số, xếp hạng). */
export enum IndicatorsError {
  /** 404: no indicator definition with that id or code. */
  DefinitionNotFound = 'indicators.definition_not_found',
  /** 409: a definition with this code exists already. */
  CodeTaken = 'indicators.code_taken',
  /** 400: values are entered only for `reported` indicators; participation is computed. */
  NotReported = 'indicators.not_reported',
  /** 400: values and rankings are of departments and districts (agencies), not of other organizations. */
  NotAnAgency = 'indicators.not_an_agency',
  /** 400: an unscoped caller must say whose agencies to rank (organizationId). */
  RootRequired = 'indicators.root_required',
  /** 404: no published ranking with that id or version. */
  SnapshotNotFound = 'indicators.snapshot_not_found',
  /** 400: an import with bad rows: every bad row is listed, nothing was written. */
  ImportRejected = 'indicators.import_rejected',
}

export const INDICATORS_CONSTRAINTS: ConstraintMap = {
  indicator_definitions_code_key: { field: 'code', message: 'is taken by another indicator', code: IndicatorsError.CodeTaken },
  indicator_definitions_unit_check: { field: 'unit', message: 'must be percent or count' },
  indicator_definitions_source_check: { field: 'source', message: 'must be participation or reported' },
  indicator_definitions_metric_check: { field: 'metric', message: 'is required for participation indicators and not allowed for reported ones' },
  indicator_definitions_weight_check: { field: 'weight', message: 'must be above 0 and at most 100' },
  indicator_definitions_targets_check: { field: 'targetDepartment', message: 'targets must be above 0' },
  indicator_definitions_thresholds_check: { field: 'thresholdGood', message: 'must be good ≥ fair ≥ average ≥ 0, at most 100' },
  indicator_values_definition_organization_year_key: { field: 'year', message: 'has a value already' },
  indicator_values_year_check: { field: 'year', message: 'must be between 1945 and 2200' },
  indicator_values_value_check: { field: 'value', message: 'must not be negative' },
  indicator_values_definition_id_fkey: { field: 'definitionId', message: 'does not exist' },
  indicator_values_organization_id_fkey: { field: 'organizationId', message: 'does not exist' },
  indicator_snapshots_root_year_version_key: { field: 'year', message: 'was published at the same moment by someone else; try again' },
  indicator_snapshots_root_organization_id_fkey: { field: 'organizationId', message: 'does not exist' },
};
