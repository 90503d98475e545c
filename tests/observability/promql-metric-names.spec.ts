import { metricNamesIn, PromqlSyntaxError, unknownMetricNames } from './promql-metric-names';

describe('metric names in PromQL', () => {
  it('finds the metrics and leaves out functions, labels, strings, keywords, numbers and durations', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.99, sum by (le, http_route) (rate(http_server_request_duration_bucket{service_name=~"$service",http_route!="x{y}"}[$__rate_interval])))',
      ),
    ).toEqual(['http_server_request_duration_bucket']);
    expect(
      metricNamesIn(
        'sum(rate(a_total[5m] offset 1h)) / on (service_name) group_left (pod) b_info > bool 14.4 * 1e-3 unless c',
      ),
    ).toEqual(['a_total', 'b_info', 'c']);
    expect(metricNamesIn('crm:gateway_http_errors:ratio_rate1h > (14.4 * 0.001)')).toEqual([
      'crm:gateway_http_errors:ratio_rate1h',
    ]);
    expect(metricNamesIn('label_values(target_info, service_name)')).toEqual(['target_info']);
    expect(metricNamesIn('max_over_time(x[1h:5m]) and label_replace(y, "dst", "$1", "src", "(.*)")')).toEqual([
      'x',
      'y',
    ]);
  });

  it('reads metric names given as __name__ matchers and quoted names, but not a regex over names', () => {
    expect(metricNamesIn('{__name__="up", job="x"} + {"http.server.request.duration"} + {__name__=~"crm_.*"}')).toEqual(
      ['up', 'http.server.request.duration'],
    );
    expect(metricNamesIn('label_values(service_name)')).toEqual([]);
  });

  it('refuses an expression Prometheus would not parse, naming where it stops', () => {
    expect(() => metricNamesIn('sum(rate(http_server_request_duration_count[5m])')).toThrow(PromqlSyntaxError);
    expect(() => metricNamesIn('rate(x[5m]) by (le)')).toThrow(/does not parse at offset/);
    expect(
      unknownMetricNames(
        [{ source: 'broken panel', expr: 'histogram_quantile(0.99, sum by (le) (rate(a_bucket[5m]))' }],
        new Set(['a_bucket']),
      ),
    ).toEqual([{ source: 'broken panel', name: expect.stringMatching(/^\(syntax error: PromQL does not parse/) }]);
  });

  it('reports a misspelt metric with where it was used', () => {
    const known = new Set(['http_server_request_duration_count']);
    expect(
      unknownMetricNames(
        [
          { source: 'ok', expr: 'rate(http_server_request_duration_count[5m])' },
          { source: 'typo', expr: 'rate(http_server_request_duraton_count[5m])' },
        ],
        known,
      ),
    ).toEqual([{ source: 'typo', name: 'http_server_request_duraton_count' }]);
  });
});
