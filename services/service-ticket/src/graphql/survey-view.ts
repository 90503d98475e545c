import { surveyStatus, type SurveyStatus } from '../domain/survey-answer';
import type { SurveyRow } from '../db/survey-rows';

/** Survey as GraphQL shows it: the row with its status as of the request. */
export interface SurveyView extends SurveyRow {
  status: SurveyStatus;
}

export function surveyView(row: SurveyRow | undefined, now: Date): SurveyView | null {
  return row ? { ...row, status: surveyStatus(row, now) } : null;
}
