import { metricNamesIn, unknownMetricNames } from './promql-metric-names';

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
