import { App } from 'aws-cdk-lib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configFromContext, repoRoot, type WaymarkConfig } from '../../infra/stacks/waymark-stack.js';

/** The context `cdk synth` uses (feature flags included), read from cdk.json. */
export const cdkJson = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };

export const devConfig = configFromContext((key) => cdkJson.context[key]);
export const prodConfig = configFromContext(
  (key) => ({ stage: 'prod', senderAddress: 'no-reply@mail.waymark.app', domain: 'waymark.app', appUrl: 'https://app.waymark.app' })[key],
);

/** An app as `cdk synth` makes it, without esbuild: the assertions are about resources; CI's `cdk synth` bundles for real. */
export const testApp = (config: WaymarkConfig): App =>
  new App({ context: { ...cdkJson.context, stage: config.stage, 'aws:cdk:bundling-stacks': [] }, analyticsReporting: false });
