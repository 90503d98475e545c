// Metric names read by PromQL, found by Prometheus's own grammar (@prometheus-io/lezer-promql): a metric name is the
// identifier of a vector selector, a quoted name standing alone in its braces, or the value of an exact `__name__`
// matcher. An expression that does not parse is an error, not an empty list.
import { parser } from '@prometheus-io/lezer-promql';

type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

// Grafana replaces its interval variables before Prometheus sees the query; any duration parses the same.
const GRAFANA_INTERVAL = /\$\{__\w+\}|\$__\w+/g;
// Grafana's templating query label_values(metric, label) (or label_values(label)) is not PromQL: its metric is.
const LABEL_VALUES = /^\s*label_values\s*\(\s*(?:(.*?)\s*,)?\s*\w+\s*\)\s*$/s;

/** Thrown for an expression Prometheus would refuse, naming where in it the grammar stopped. */
export class PromqlSyntaxError extends Error {
  constructor(expression: string, position: number) {
    super(
      `PromQL does not parse at offset ${position}: ${expression.slice(0, position)} ⚠ ${expression.slice(position)}`,
    );
    this.name = 'PromqlSyntaxError';
  }
}

function stringValue(literal: string): string {
  const body = literal.slice(1, -1);
  return literal.startsWith('`') ? body : body.replace(/\\(.)/g, '$1');
}

/** The metric name an exact `__name__="metric"` matcher names. */
function nameFromMatcher(matcher: SyntaxNode, text: (node: SyntaxNode) => string): string | undefined {
  const label = matcher.firstChild;
  const op = matcher.getChild('MatchOp');
  const value = matcher.getChild('StringLiteral');
  if (!label || !op || !value || op.firstChild?.name !== 'EqlSingle') return undefined;
  const labelName = label.name === 'QuotedLabelName' ? stringValue(text(label)) : text(label);
  return labelName === '__name__' ? stringValue(text(value)) : undefined;
}

/** The metric names a PromQL expression (or a Grafana query using label_values) reads; throws PromqlSyntaxError. */
export function metricNamesIn(expression: string): string[] {
  const labelValues = LABEL_VALUES.exec(expression);
  if (labelValues) return labelValues[1] ? metricNamesIn(labelValues[1]) : [];
  const promql = expression.replace(GRAFANA_INTERVAL, '5m');
  const text = (node: SyntaxNode) => promql.slice(node.from, node.to);
  const names = new Set<string>();
  let errorAt: number | undefined;
  parser.parse(promql).iterate({
    enter(ref) {
      if (ref.type.isError) {
        errorAt ??= ref.from;
        return false;
      }
      if (ref.name !== 'VectorSelector') return undefined;
      const identifier = ref.node.getChild('Identifier');
      if (identifier) names.add(text(identifier));
      const matchers = ref.node.getChild('LabelMatchers');
      // A quoted name alone in the braces is the metric name: {"http.server.request.duration"}.
      for (const quoted of matchers?.getChildren('QuotedLabelName') ?? []) names.add(stringValue(text(quoted)));
      for (const kind of ['UnquotedLabelMatcher', 'QuotedLabelMatcher']) {
        for (const matcher of matchers?.getChildren(kind) ?? []) {
          const name = nameFromMatcher(matcher, text);
          if (name) names.add(name);
        }
      }
      return undefined;
    },
  });
  if (errorAt !== undefined) throw new PromqlSyntaxError(promql, errorAt);
  return [...names];
}

/**
 * Each metric name of the expressions that is not in `known`, with the expression it came from; an expression that
 * does not parse is reported under the name `(syntax error: …)`, so the check fails on it too.
 */
export function unknownMetricNames(
  expressions: readonly { source: string; expr: string }[],
  known: ReadonlySet<string>,
): { source: string; name: string }[] {
  return expressions.flatMap(({ source, expr }) => {
    let names: string[];
    try {
      names = metricNamesIn(expr);
    } catch (error) {
      if (!(error instanceof PromqlSyntaxError)) throw error;
      return [{ source, name: `(syntax error: ${error.message})` }];
    }
    return names.filter((name) => !known.has(name)).map((name) => ({ source, name }));
  });
}
