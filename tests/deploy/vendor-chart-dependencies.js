// Jest global setup of this project (a CommonJS function, as jest requires): crm-lib vendored into charts/crm/charts/
// once per run, before any spec file renders the chart.
const { buildChartDependencies } = require('./helm-tools');

module.exports = buildChartDependencies;
