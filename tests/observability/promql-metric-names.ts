// A tokenizer, not a full PromQL parser: the one on npm (@prometheus-io/lezer-promql) is not installed here. It removes
// what cannot hold a metric name (strings, Grafana variables, label matchers, ranges, grouping label lists, numbers,
// durations), then every identifier left that is not a keyword or a function call is a metric name.

const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'and',
  'or',
  'unless',
  'atan2',
  'inf',
  'nan',
]);

const STRING = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g;
const GRAFANA_VARIABLE = /\$\{[^}]*\}|\$[A-Za-z_]\w*/g;
// Grafana's label_values(metric, label): its second argument is a label, not a metric.
const LABEL_VALUES = /\blabel_values\s*\(\s*(?:([A-Za-z_:][\w:]*)\s*(?:\{[^}]*\})?\s*,)?\s*\w+\s*\)/g;
const LABEL_MATCHERS = /\{[^}]*\}/g;
const RANGE_OR_SUBQUERY = /\[[^\]]*\]/g;
const GROUPING = /\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g;
const TOKEN = /(\d+(?:\.\d+)?(?:e[+-]?\d+)?[a-z]*)|([A-Za-z_:][\w:]*)(\s*\()?/gi;

/** The metric names a PromQL expression (or a Grafana query using label_values) reads. */
export function metricNamesIn(expression: string): string[] {
  const text = expression
    .replace(STRING, ' ')
    .replace(GRAFANA_VARIABLE, ' ')
    .replace(LABEL_VALUES, (_match: string, metric?: string) => ` ${metric ?? ''} `)
    .replace(LABEL_MATCHERS, ' ')
    .replace(RANGE_OR_SUBQUERY, ' ')
    .replace(GROUPING, ' ');
  const names = new Set<string>();
  for (const [, number, identifier, call] of text.matchAll(TOKEN)) {
    if (number || call || !identifier || KEYWORDS.has(identifier.toLowerCase())) continue;
    names.add(identifier);
  }
  return [...names];
}

/** Each metric name of the expressions that is not in `known`, with the expression it came from. */
export function unknownMetricNames(
  expressions: readonly { source: string; expr: string }[],
  known: ReadonlySet<string>,
): { source: string; name: string }[] {
  return expressions.flatMap(({ source, expr }) =>
    metricNamesIn(expr)
      .filter((name) => !known.has(name))
      .map((name) => ({ source, name })),
  );
}
