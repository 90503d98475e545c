export { env, loadConfig, loadConfigOrExit, ConfigError, type EnvVar, type ConfigOf } from './env-config';
