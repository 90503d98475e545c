export { env, loadConfig, loadConfigOrExit, configOrExit, ConfigError, type EnvVar, type ConfigOf } from './env-config';
export { hostedServiceConfigSpec } from './hosted-service-config';
