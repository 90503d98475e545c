/** One sample line of the Prometheus text format: its metric family, series name and labels. */
export interface Sample {
  family: string;
  series: string;
  labels: Record<string, string>;
  value: number;
}

/** A scrape, by metric family (the `# TYPE` name: a histogram's `_bucket`/`_sum`/`_count` series belong to it). */
export type Scrape = Map<string, Sample[]>;

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'];

/** Parses the Prometheus text exposition format (what the OpenTelemetry Prometheus exporter serves). */
export function parsePrometheusText(body: string): Scrape {
  const scrape: Scrape = new Map();
  const types = new Map<string, string>();
  for (const line of body.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)/.exec(line);
    if (type) {
      types.set(type[1], type[2]);
      if (!scrape.has(type[1])) scrape.set(type[1], []);
      continue;
    }
    if (line.startsWith('#') || !line.trim()) continue;
    const match = SAMPLE_LINE.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    const [, series, labelText = '', value] = match;
    const suffix = HISTOGRAM_SUFFIXES.find((s) => series.endsWith(s) && types.get(series.slice(0, -s.length)));
    const family = suffix ? series.slice(0, -suffix.length) : series;
    const labels: Record<string, string> = {};
    for (const label of labelText.matchAll(LABEL)) labels[label[1]] = label[2];
    const samples = scrape.get(family) ?? [];
    samples.push({ family, series, labels, value: Number(value) });
    scrape.set(family, samples);
  }
  return scrape;
}

/** Every series name a query may use: each family's name, plus `_bucket`, `_sum` and `_count` for histograms. */
export function seriesNames(scrape: Scrape): Set<string> {
  const names = new Set<string>();
  for (const samples of scrape.values()) for (const sample of samples) names.add(sample.series);
  return names;
}
