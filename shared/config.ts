import { envNames, type EnvName } from './contracts/env.js';

/** Reads a required setting; a missing one is a deployment fault, named so it can be fixed. */
export function requireEnv(name: EnvName): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing configuration: environment variable ${name} is not set`);
  return value;
}

export const config = {
  tableName: () => requireEnv(envNames.tableName),
  userPoolId: () => requireEnv(envNames.userPoolId),
  userPoolClientId: () => requireEnv(envNames.userPoolClientId),
  tokenIssuer: () => requireEnv(envNames.tokenIssuer),
  senderAddress: () => requireEnv(envNames.senderAddress),
  appUrl: () => requireEnv(envNames.appUrl).replace(/\/+$/, ''),
  version: () => process.env[envNames.version] ?? '0.0.0-dev',
  /** The SES configuration set that reports bounces and complaints; unset (locally), emails go without one. */
  sesConfigurationSet: (): string | undefined => process.env[envNames.sesConfigurationSet] || undefined,
};
