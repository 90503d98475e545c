import type { CompanySize, Grade, LifecycleStage } from './account';
import { compareDecimals, isDecimal } from './decimal';
import { violation, type Violation } from './violation';

/** What the grade of an account is suggested from. */
export interface GradingFacts {
  size: CompanySize | null;
  lifecycleStage: LifecycleStage;
  activitiesLast90Days: number;
  /** Sum of won deals, a decimal string in the account's reporting currency. */
  wonDealsValue: string;
}

export interface WonValueBand {
  /** Lower bound (inclusive), a decimal string. */
  atLeast: string;
  points: number;
}

/** Weights and thresholds an admin can change; the score is the sum of the points, the grade its band. */
export interface GradingRules {
  sizePoints: Record<CompanySize, number>;
  /** Points when the size is unknown. */
  unknownSizePoints: number;
  stagePoints: Record<LifecycleStage, number>;
  pointsPerActivity: number;
  maxActivityPoints: number;
  /** The highest band reached counts. */
  wonValueBands: WonValueBand[];
  /** Minimum scores (inclusive) of A and B; anything lower is C. */
  thresholds: { A: number; B: number };
}

export const defaultGradingRules: GradingRules = {
  sizePoints: { micro: 0, small: 5, medium: 10, large: 20, enterprise: 30 },
  unknownSizePoints: 0,
  stagePoints: { prospect: 0, customer: 20, churned: -30 },
  pointsPerActivity: 2,
  maxActivityPoints: 20,
  wonValueBands: [
    { atLeast: '1000000', points: 40 },
    { atLeast: '100000', points: 25 },
    { atLeast: '10000', points: 10 },
  ],
  thresholds: { A: 70, B: 40 },
};

export interface GradeSuggestion {
  grade: Grade;
  score: number;
  reasons: string[];
}

function signed(points: number): string {
  return points >= 0 ? `+${points}` : `${points}`;
}

/** Suggests a grade with its score and one reason per contribution. Throws RangeError on a non-decimal value. */
export function suggestGrade(facts: GradingFacts, rules: GradingRules = defaultGradingRules): GradeSuggestion {
  if (!isDecimal(facts.wonDealsValue)) throw new RangeError(`wonDealsValue "${facts.wonDealsValue}" is not a decimal`);
  const reasons: string[] = [];
  let score = 0;

  const sizePoints = facts.size === null ? rules.unknownSizePoints : rules.sizePoints[facts.size];
  score += sizePoints;
  reasons.push(`size ${facts.size ?? 'unknown'}: ${signed(sizePoints)}`);

  const stagePoints = rules.stagePoints[facts.lifecycleStage];
  score += stagePoints;
  reasons.push(`stage ${facts.lifecycleStage}: ${signed(stagePoints)}`);

  const activities = Math.max(0, Math.floor(facts.activitiesLast90Days));
  const activityPoints = Math.min(rules.maxActivityPoints, activities * rules.pointsPerActivity);
  score += activityPoints;
  reasons.push(`${activities} activities in the last 90 days: ${signed(activityPoints)}`);

  const band = [...rules.wonValueBands]
    .sort((a, b) => compareDecimals(b.atLeast, a.atLeast))
    .find((candidate) => compareDecimals(facts.wonDealsValue, candidate.atLeast) >= 0);
  const wonPoints = band?.points ?? 0;
  score += wonPoints;
  reasons.push(
    band === undefined
      ? `won deals ${facts.wonDealsValue}: ${signed(0)}`
      : `won deals ${facts.wonDealsValue} >= ${band.atLeast}: ${signed(wonPoints)}`,
  );

  const grade: Grade = score >= rules.thresholds.A ? 'A' : score >= rules.thresholds.B ? 'B' : 'C';
  reasons.push(`score ${score}: grade ${grade} (A >= ${rules.thresholds.A}, B >= ${rules.thresholds.B})`);
  return { grade, score, reasons };
}

/** Violations of rules an admin wants to save: finite points, non-negative activity weights, decimal bands, A > B. */
export function validateGradingRules(rules: GradingRules): Violation[] {
  const violations: Violation[] = [];
  const finite = (value: unknown, path: (string | number)[]): void => {
    if (typeof value !== 'number' || !Number.isFinite(value))
      violations.push(violation(path, 'number', 'must be a number'));
  };
  for (const [size, points] of Object.entries(rules.sizePoints)) finite(points, ['sizePoints', size]);
  finite(rules.unknownSizePoints, ['unknownSizePoints']);
  for (const [stage, points] of Object.entries(rules.stagePoints)) finite(points, ['stagePoints', stage]);
  for (const key of ['pointsPerActivity', 'maxActivityPoints'] as const) {
    finite(rules[key], [key]);
    if (rules[key] < 0) violations.push(violation([key], 'min', 'must be at least 0'));
  }
  rules.wonValueBands.forEach((band, index) => {
    if (!isDecimal(band.atLeast))
      violations.push(violation(['wonValueBands', index, 'atLeast'], 'decimal', 'must be a decimal'));
    finite(band.points, ['wonValueBands', index, 'points']);
  });
  finite(rules.thresholds.A, ['thresholds', 'A']);
  finite(rules.thresholds.B, ['thresholds', 'B']);
  if (!(rules.thresholds.A > rules.thresholds.B)) {
    violations.push(violation(['thresholds', 'A'], 'order', 'the A threshold is above the B threshold'));
  }
  return violations;
}
