export type { ScheduledJob, JobResult, JobRunContext } from './scheduled-job';
export { createJobRunner, type JobRunner, type JobRunnerOptions } from './job-runner';
export { jobLockKey } from './job-lock';
export { builtInJobs, type BuiltInJobsOptions } from './built-in-jobs';
